namespace ChannelManager.Benchmarks.Burst;

/// <summary>The burst command's settings: changes per burst, Airbnb listings of the property, measured bursts (after one warm-up burst) and the random seed.</summary>
internal sealed record BurstSettings(int Changes, int Connections, int Runs, int Seed);
