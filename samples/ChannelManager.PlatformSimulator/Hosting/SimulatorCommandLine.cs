using System.Globalization;
using System.Net;
using ChannelManager.Simulator.Airbnb;

namespace ChannelManager.Simulator.Hosting;

/// <summary>Parses the standalone simulator's command line into <see cref="PlatformSimulatorOptions"/>.</summary>
internal static class SimulatorCommandLine
{
    public const string Usage = """
        ChannelManager platform simulator: the booking platforms' APIs on loopback.

        Options:
          --port <n>                      TCP port on 127.0.0.1 (default 5080; 0 picks a free one)
          --urls <url>                    e.g. http://127.0.0.1:5080 (loopback only; the port is taken from it)
          --airbnb-webhook-url <url>      where Airbnb reservation webhooks are posted
          --airbnb-webhook-secret <text>  signs them (also from the SIM_AIRBNB_WEBHOOK_SECRET environment variable)
          --verbose                       log every request to the console
          --help                          this text
        """;

    public static PlatformSimulatorOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var options = new PlatformSimulatorOptions { Port = 5080, Airbnb = new AirbnbSimulatorOptions { WebhookSecret = environment("SIM_AIRBNB_WEBHOOK_SECRET") } };
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string Value() => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value."));
            switch (name)
            {
                case "--port":
                    options.Port = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
                        ? port
                        : throw new ArgumentException("--port needs a number from 0 to 65535.");
                    break;
                case "--urls":
                    var url = Value().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
                    if (!Uri.TryCreate(url.Replace("://*", "://127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
                    {
                        throw new ArgumentException($"--urls needs an http URL, not \"{url}\".");
                    }

                    options.Port = uri.Port;
                    options.ListenAddress = uri.IsLoopback && uri.HostNameType == UriHostNameType.IPv6 ? IPAddress.IPv6Loopback
                        : uri.IsLoopback ? IPAddress.Loopback
                        : throw new ArgumentException("The simulator listens on loopback only (127.0.0.1, localhost or [::1]).");
                    break;
                case "--airbnb-webhook-url":
                    options.Airbnb.WebhookUrl = Uri.TryCreate(Value(), UriKind.Absolute, out var hook) ? hook : throw new ArgumentException("--airbnb-webhook-url needs an absolute URL.");
                    break;
                case "--airbnb-webhook-secret":
                    options.Airbnb.WebhookSecret = Value();
                    break;
                case "--verbose":
                    options.ConfigureLogging = logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return options;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }
}
