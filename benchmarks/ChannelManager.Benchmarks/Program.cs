using BenchmarkDotNet.Running;
using ChannelManager.Benchmarks.Burst;
using ChannelManager.Benchmarks.RedisEndToEnd;

// dotnet run -c Release --project benchmarks/ChannelManager.Benchmarks -- redis-e2e [--events N]
// dotnet run -c Release --project benchmarks/ChannelManager.Benchmarks -- burst [--changes N] [--connections N] [--runs N] [--seed N]
// dotnet run -c Release --project benchmarks/ChannelManager.Benchmarks -- --filter '*'
if (args.Length > 0 && args[0] == "redis-e2e")
{
    return await RedisEndToEndBenchmark.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "burst")
{
    return await BurstBenchmark.RunAsync(args).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(RedisEndToEndBenchmark).Assembly).Run(args);
return 0;
