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
    // Skipped while the bug it found is open (docs/benchmarks.md, "Chaos run", open finding): a push to a platform
    // that read the ledger before a guest booked there can land after the platform took the booking and reopen the
    // nights on that platform, and the source connection is not pushed again. Remove the Skip with the fix; run it
    // meanwhile with ./scripts/chaos.sh --short.
    [Fact(Skip = "Open finding of the chaos run: a crossing push reopens a platform's own booking (Expedia); see docs/benchmarks.md")]
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
