using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Tests.Telemetry;

/// <summary>Lines logged while handling an event or pushing to a connection carry its ids as structured scopes, and never a token.</summary>
public sealed class LogScopeTests
{
    private const string AccessToken = "tok-3f9a1c-access-secret";
    private const string RefreshToken = "tok-77be02-refresh-secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Event_handling_and_pushes_log_in_scopes_naming_event_connection_platform_and_property_without_secrets()
    {
        var logs = new CapturingLoggerProvider();
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(
            null,
            [adapter],
            null,
            s =>
            {
                s.AddSingleton<ILoggerProvider>(logs);
                s.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Debug);
            });
        var property = Guid.NewGuid();
        var connection = await host.Get<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L1", AccessToken = AccessToken, RefreshToken = RefreshToken }, Ct);
        await Eventually.TrueAsync(() => adapter.PushCalls >= 1, "the initial push went out");

        // A failed push logs a warning inside the push's scope.
        adapter.FailNext(2);
        var night = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(9);
        var sent = await host.Get<EventService>().PublishAsync("t", property, new BookingConfirmed { BookingId = "B-1", CheckIn = night, CheckOut = night.AddDays(1) }, cancellationToken: Ct);
        await Eventually.TrueAsync(() => adapter.IsClosed("L1", night), "the push succeeded after the failures");

        // The same event again: the consumer logs the duplicate inside the event's scope.
        await host.Get<EventService>().PublishAsync(new EventEnvelope { EventId = sent.EventId, TenantId = "t", PropertyId = property, OccurredAt = sent.OccurredAt, Payload = sent.Payload }, Ct);
        await Eventually.TrueAsync(() => logs.Entries.Any(e => e.Message.Contains("already handled", StringComparison.Ordinal)), "the duplicate was logged");

        var duplicate = logs.Entries.First(e => e.Message.Contains("already handled", StringComparison.Ordinal));
        Assert.Equal(sent.EventId.ToString(), duplicate.ScopeValue(LogScopes.EventIdKey));
        Assert.Equal(EventTypes.BookingConfirmed, duplicate.ScopeValue(LogScopes.EventTypeKey));
        Assert.Equal(property.ToString(), duplicate.ScopeValue(LogScopes.PropertyIdKey));

        var failed = logs.Entries.First(e => e.Level == LogLevel.Warning && e.Message.Contains("ari_push", StringComparison.Ordinal));
        Assert.Equal(connection.Id.ToString(), failed.ScopeValue(LogScopes.ConnectionIdKey));
        Assert.Equal("airbnb", failed.ScopeValue(LogScopes.PlatformKey));
        Assert.Equal(property.ToString(), failed.ScopeValue(LogScopes.PropertyIdKey));

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, e => e.Text.Contains(AccessToken, StringComparison.Ordinal) || e.Text.Contains(RefreshToken, StringComparison.Ordinal));
    }

    [Fact]
    public void A_webhook_scope_names_the_platform_and_once_stored_the_inbox_entry()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var logger = factory.CreateLogger("test");
        var entry = Guid.NewGuid();
        using (LogScopes.ForWebhook(logger, Platform.BookingCom))
        {
            logger.LogWarning("received");
        }

        using (LogScopes.ForWebhook(logger, Platform.BookingCom, entry))
        {
            logger.LogWarning("processed");
        }

        var received = Assert.Single(logs.Entries, e => !e.IsScope && e.Message == "received");
        Assert.Equal("booking_com", received.ScopeValue(LogScopes.PlatformKey));
        Assert.Null(received.ScopeValue(LogScopes.InboxEntryIdKey));
        var processed = Assert.Single(logs.Entries, e => !e.IsScope && e.Message == "processed");
        Assert.Equal("booking_com", processed.ScopeValue(LogScopes.PlatformKey));
        Assert.Equal(entry.ToString(), processed.ScopeValue(LogScopes.InboxEntryIdKey));
    }
}
