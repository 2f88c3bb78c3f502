using BenchmarkDotNet.Running;
using ChannelManager.Benchmarks.Burst;
using ChannelManager.Benchmarks.Horizontal;
using ChannelManager.Benchmarks.Latency;
using ChannelManager.Benchmarks.Scale;
using ChannelManager.Benchmarks.RedisEndToEnd;

// dotnet run -c Release --project benchmarks/ChannelManager.Benchmarks -- redis-e2e [--events N]
// dotnet run -c Release --project benchmarks/ChannelManager.Benchmarks -- burst [--changes N] [--connections N] [--runs N] [--seed N]
// dotnet run -c Release --project benchmarks/ChannelManager.Benchmarks -- latency [--properties N] [--rate N] [--seconds N] [--warmup N] [--permits-per-second N] [--dispatch-concurrency N] [--dispatch-per-platform N]
// dotnet run -c Release --project benchmarks/ChannelManager.Benchmarks -- scale [--store memory|postgres] [--connections N] [--steady S] [--permits-per-second N]
// dotnet run -c Release --project benchmarks/ChannelManager.Benchmarks -- horizontal [--events N] [--properties N] [--workers 1,2,4]
// dotnet run -c Release --project benchmarks/ChannelManager.Benchmarks -- --filter '*'
if (args.Length > 0 && args[0] == "redis-e2e")
{
    return await RedisEndToEndBenchmark.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "burst")
{
    return await BurstBenchmark.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "latency")
{
    return await LatencyBenchmark.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "scale")
{
    return await ScaleBenchmark.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "scale-worker")
{
    return await ScaleBenchmark.RunWorkerAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "horizontal")
{
    return await HorizontalBenchmark.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "worker")
{
    return await HorizontalBenchmark.RunWorkerAsync(args).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(RedisEndToEndBenchmark).Assembly).Run(args);
return 0;
