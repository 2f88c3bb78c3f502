using Microsoft.Extensions.Options;

namespace ChannelManager.SampleHost.Logging;

/// <summary>
/// The host's <see cref="ILoggerFactory"/>: the usual factory (same providers, filters and scopes), with every logger
/// passing its entries and scopes through <see cref="LogSecretRedactor"/> first, so that no provider — console,
/// OpenTelemetry, a test's capture — ever sees a secret that a framework component put into a message, a structured
/// value, a scope or an exception (ASP.NET Core's hosting logs every request path, which for the iCal feed carries its
/// token).
/// </summary>
/// <param name="inner">The factory that does the work.</param>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Replaces the registered <see cref="ILoggerFactory"/> with a redacting one over the same providers and settings.</summary>
    /// <param name="services">The host's services.</param>
    public static void Register(IServiceCollection services) =>
        services.AddSingleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>())));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void Dispose() => inner.Dispose();
}
