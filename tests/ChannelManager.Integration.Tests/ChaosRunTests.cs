using ChannelManager.Chaos;

namespace ChannelManager.Integration.Tests;

/// <summary>
/// The chaos run's short version (benchmarks/ChannelManager.Chaos, docs/benchmarks.md "Chaos run"): three sample-host
/// worker processes on Redis Streams + PostgreSQL under a load of PMS events and bookings on four platforms, while
/// workers are killed with SIGKILL, Redis restarts empty, PostgreSQL restarts and the simulator answers in 429/503/
/// timeout storms. Afterwards nothing is lost, nothing is duplicated, no overbooking goes unrecorded and every platform
/// calendar equals the ledger. Not a speed test: the verdict waits (bounded) for the system to settle.
/// </summary>
public sealed class ChaosRunTests
{
    [Fact]
    public async Task Under_kills_restarts_and_fault_storms_nothing_is_lost_duplicated_or_double_sold_and_every_calendar_equals_the_ledger()
    {
        using var output = new StringWriter();
        var options = ChaosOptions.Short with { LogDirectory = Directory.CreateTempSubdirectory("cm-chaos-test-").FullName };
        var verdict = await ChaosRun.RunAsync(options, output, TestContext.Current.CancellationToken);
        TestContext.Current.SendDiagnosticMessage(output.ToString());

        Assert.True(verdict.Passed, output.ToString());
        Assert.Equal(5, verdict.Checks.Count);
    }
}
