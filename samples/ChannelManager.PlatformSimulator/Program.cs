using System.Runtime.InteropServices;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Hosting;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SimulatorCommandLine.Usage);
    return 0;
}

PlatformSimulatorOptions options;
try
{
    options = SimulatorCommandLine.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync(SimulatorCommandLine.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await using var simulator = await PlatformSimulator.StartAsync(options, stop.Token);
Console.WriteLine($"Platform simulator listening on {simulator.BaseAddress}");
Console.WriteLine($"  Airbnb API:   {simulator.AirbnbBaseAddress}");
Console.WriteLine($"  Control API:  {simulator.BaseAddress}_sim/");
if (options.Airbnb.WebhookUrl is { } webhookUrl)
{
    Console.WriteLine($"  Airbnb webhooks go to {webhookUrl} ({(string.IsNullOrEmpty(options.Airbnb.WebhookSecret) ? "unsigned" : "signed")})");
}

Console.WriteLine("Press Ctrl+C to stop.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping.");
}

return 0;
