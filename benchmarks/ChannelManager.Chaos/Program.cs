using ChannelManager.Chaos;

// The chaos run (docs/benchmarks.md, "Chaos run"): exit code 0 when every check of the verdict holds, 1 when one
// does not, 2 for a bad command line.
ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync("usage: ChannelManager.Chaos [--short|--long] [--seed N] [--workers N] [--properties N] [--duration SECONDS] [--kills N] [--logs DIR]");
    return 2;
}

var verdict = await ChaosRun.RunAsync(options, Console.Out);
return verdict.Passed ? 0 : 1;
