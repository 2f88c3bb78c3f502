using ChannelManager.Testing;
using System.Diagnostics;
using System.Threading.RateLimiting;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Inbound;
using ChannelManager.Engine.Resilience;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;
using Polly.CircuitBreaker;
using Polly.RateLimiting;

namespace ChannelManager.Engine.Tests;

/// <summary>The reference system's smoke tests (outbound, inbound), as real tests of the engine.</summary>
public sealed class ReferenceSmokeTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task Event_publish_puts_the_event_on_the_bus_with_its_envelope()
    {
        await using var host = await EngineHost.StartAsync(o => o.EventConsumerConcurrency = 1);
        var bus = host.Get<IEventBus>();
        var published = await host.Get<EventService>().PublishAsync(
            "tenant-a",
            Guid.NewGuid(),
            new BookingConfirmed { BookingId = "booking_123", CheckIn = Today.AddDays(10), CheckOut = Today.AddDays(14), Source = "direct" },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(EventTypes.BookingConfirmed, published.Type);
        Assert.NotEqual(Guid.Empty, published.EventId);
        await Eventually.TrueAsync(() => host.Get<IProcessedEventStore>().IsProcessedAsync(published.EventId), "the consumer handled the published event");
    }

    [Fact]
    public async Task Event_publish_rejects_an_invalid_event_and_publishes_nothing()
    {
        await using var host = await EngineHost.StartAsync();
        var service = host.Get<EventService>();
        var ex = await Assert.ThrowsAsync<Common.ChannelManagerValidationException>(() => service.PublishAsync(
            "tenant-a",
            Guid.NewGuid(),
            new BookingConfirmed { BookingId = "b", CheckIn = Today.AddDays(5), CheckOut = Today.AddDays(5) },
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("payload.check_out", ex.Errors.Keys);
    }

    [Fact]
    public async Task Rate_limiter_enforces_the_platform_limit()
    {
        await using var host = await EngineHost.StartAsync(o =>
        {
            o.PlatformResilience[Platform.Airbnb] = new PlatformResilienceOptions { PermitsPerSecond = 1, BurstLimit = 5, QueueLimit = 0, MaxRetryAttempts = 0 };
        });
        var pipeline = host.Get<PlatformResiliencePipelineProvider>().GetPipeline(Platform.Airbnb);
        var executed = 0;
        var rejected = 0;
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await pipeline.ExecuteAsync(_ => { Interlocked.Increment(ref executed); return ValueTask.CompletedTask; }, TestContext.Current.CancellationToken);
            }
            catch (RateLimiterRejectedException)
            {
                rejected++;
            }
        }

        Assert.InRange(executed, 5, 6); // the burst, plus at most one token refilled during the loop
        Assert.Equal(20 - executed, rejected);

        // Another platform has its own limiter.
        var other = host.Get<PlatformResiliencePipelineProvider>().GetPipeline(Platform.BookingCom);
        await other.ExecuteAsync(_ => ValueTask.CompletedTask, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Rate_limiter_makes_waiting_callers_queue_rather_than_fail()
    {
        await using var host = await EngineHost.StartAsync(o =>
        {
            o.PlatformResilience[Platform.Airbnb] = new PlatformResilienceOptions { PermitsPerSecond = 10, BurstLimit = 2, QueueLimit = 100, MaxRetryAttempts = 0 };
        });
        var pipeline = host.Get<PlatformResiliencePipelineProvider>().GetPipeline(Platform.Airbnb);
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => pipeline.ExecuteAsync(_ => ValueTask.CompletedTask, TestContext.Current.CancellationToken).AsTask()));

        // 2 from the burst, 10 more at 10/s: at least ~1 s.
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(900), $"12 calls at 10/s with a burst of 2 took only {sw.Elapsed}");
    }

    [Fact]
    public async Task Circuit_breaker_opens_on_failures_and_stops_calling_the_platform()
    {
        await using var host = await EngineHost.StartAsync(o =>
        {
            o.PlatformResilience[Platform.Airbnb] = new PlatformResilienceOptions
            {
                MaxRetryAttempts = 0,
                BreakerMinimumThroughput = 4,
                BreakerFailureRatio = 0.5,
                BreakerBreakDuration = TimeSpan.FromSeconds(30),
            };
        });
        var pipeline = host.Get<PlatformResiliencePipelineProvider>().GetPipeline(Platform.Airbnb);
        var calls = 0;
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<PlatformCallException>(async () => await pipeline.ExecuteAsync(
                _ =>
                {
                    calls++;
                    throw new PlatformCallException(Platform.Airbnb, "HTTP 503", isTransient: true, statusCode: 503);
                },
                TestContext.Current.CancellationToken));
        }

        var ex = await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync(_ => { calls++; return ValueTask.CompletedTask; }, TestContext.Current.CancellationToken));
        Assert.True(PlatformResiliencePipelineProvider.IsCircuitOpen(ex));
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task Non_transient_failures_do_not_open_the_circuit_and_are_not_retried()
    {
        await using var host = await EngineHost.StartAsync(o =>
        {
            o.PlatformResilience[Platform.Airbnb] = new PlatformResilienceOptions { MaxRetryAttempts = 3, BreakerMinimumThroughput = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        });
        var pipeline = host.Get<PlatformResiliencePipelineProvider>().GetPipeline(Platform.Airbnb);
        var calls = 0;
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<PlatformCallException>(async () => await pipeline.ExecuteAsync(
                _ =>
                {
                    calls++;
                    throw new PlatformCallException(Platform.Airbnb, "HTTP 400", isTransient: false, statusCode: 400);
                },
                TestContext.Current.CancellationToken));
        }

        Assert.Equal(5, calls);
        await pipeline.ExecuteAsync(_ => ValueTask.CompletedTask, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Retries_honour_retry_after()
    {
        await using var host = await EngineHost.StartAsync(o =>
        {
            o.PlatformResilience[Platform.Airbnb] = new PlatformResilienceOptions { MaxRetryAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        });
        var pipeline = host.Get<PlatformResiliencePipelineProvider>().GetPipeline(Platform.Airbnb);
        var calls = 0;
        var sw = Stopwatch.StartNew();
        await pipeline.ExecuteAsync(
            _ =>
            {
                if (++calls == 1)
                {
                    throw new PlatformCallException(Platform.Airbnb, "HTTP 429", isTransient: true, statusCode: 429, retryAfter: TimeSpan.FromMilliseconds(400));
                }

                return ValueTask.CompletedTask;
            },
            TestContext.Current.CancellationToken);
        Assert.Equal(2, calls);
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(380), $"the retry came after {sw.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task Webhook_idempotency_the_same_delivery_twice_imports_once()
    {
        var adapter = new RecordingAdapter();
        await using var host = await EngineHost.StartAsync(null, adapter);
        var property = Guid.NewGuid();
        var connection = await host.Get<ChannelConnectionService>().CreateAsync("t1", new NewChannelConnection
        {
            PropertyId = property, PlatformType = "airbnb", PlatformListingId = "L-1", AccessToken = "tok",
        }, TestContext.Current.CancellationToken);
        lock (adapter.Reservations)
        {
            adapter.Reservations.Add(new PlatformReservation
            {
                Platform = Platform.Airbnb, ConfirmationCode = "HM1", ListingId = "L-1",
                Stay = new DateRange(Today.AddDays(3), Today.AddDays(6)), Status = BookingStatus.Confirmed,
                UpdatedAt = DateTimeOffset.UtcNow,
            });
        }

        var ingestion = host.Get<WebhookIngestionService>();
        WebhookRequest Request() => new()
        {
            Headers = new Dictionary<string, string> { ["X-Test-Secret"] = "s3cret", ["X-Delivery"] = "d-1" },
            Body = "L-1|HM1"u8.ToArray(),
            ReceivedAt = DateTimeOffset.UtcNow,
        };

        var first = await ingestion.IngestAsync(Platform.Airbnb, Request(), TestContext.Current.CancellationToken);
        var second = await ingestion.IngestAsync(Platform.Airbnb, Request(), TestContext.Current.CancellationToken);
        Assert.Equal(WebhookIngestionOutcome.Accepted, first.Outcome);
        Assert.Equal(WebhookIngestionOutcome.Duplicate, second.Outcome);

        var sink = host.Get<ChannelManager.Engine.Bookings.InMemoryPmsBookingSink>();
        await Eventually.TrueAsync(() => sink.Received.Count == 1, "the booking was imported");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Single(sink.Received);
        Assert.Equal(connection.Id, sink.Received[0].ConnectionId);
        Assert.Equal("airbnb:HM1", sink.Received[0].BookingId);

        var bad = await ingestion.IngestAsync(Platform.Airbnb, Request() with { Headers = new Dictionary<string, string> { ["X-Test-Secret"] = "wrong" } }, TestContext.Current.CancellationToken);
        Assert.Equal(WebhookIngestionOutcome.Unauthenticated, bad.Outcome);
        var malformed = await ingestion.IngestAsync(Platform.Airbnb, Request() with { Body = "nonsense"u8.ToArray() }, TestContext.Current.CancellationToken);
        Assert.Equal(WebhookIngestionOutcome.Malformed, malformed.Outcome);
        var disabled = await ingestion.IngestAsync(Platform.Expedia, Request(), TestContext.Current.CancellationToken);
        Assert.Equal(WebhookIngestionOutcome.PlatformNotEnabled, disabled.Outcome);
    }

    [Fact]
    public async Task Event_consumption_closes_the_nights_on_every_other_connection_of_the_property()
    {
        var airbnb = new RecordingAdapter(Platform.Airbnb);
        var booking = new RecordingAdapter(Platform.BookingCom);
        await using var host = await EngineHost.StartAsync(null, airbnb, booking);
        var service = host.Get<ChannelConnectionService>();
        var property = Guid.NewGuid();
        var source = await service.CreateAsync("t1", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "A-1", AccessToken = "x" }, TestContext.Current.CancellationToken);
        var other = await service.CreateAsync("t1", new NewChannelConnection { PropertyId = property, PlatformType = "booking_com", PlatformListingId = "B-1", AccessToken = "y" }, TestContext.Current.CancellationToken);
        var unrelated = await service.CreateAsync("t1", new NewChannelConnection { PropertyId = Guid.NewGuid(), PlatformType = "booking_com", PlatformListingId = "B-2", AccessToken = "z" }, TestContext.Current.CancellationToken);
        var night = Today.AddDays(20);
        await Eventually.TrueAsync(() => airbnb.IsOpen("A-1", night) && booking.IsOpen("B-1", night) && booking.IsOpen("B-2", night), "the initial sync opened every calendar");
        var airbnbPushes = airbnb.PushCalls;
        var unrelatedPushes = booking.Pushes.Count(p => p.Connection.Id == unrelated.Id);

        await host.Get<EventService>().PublishAsync("t1", property, new BookingConfirmed
        {
            BookingId = "AIRBNB123", CheckIn = night, CheckOut = night.AddDays(4), Source = "airbnb", SourceConnectionId = source.Id,
        }, cancellationToken: TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(() => Enumerable.Range(0, 4).All(i => booking.IsClosed("B-1", night.AddDays(i))), "Booking.com was closed for the four nights");
        Assert.True(booking.IsOpen("B-1", night.AddDays(4)), "the check-out day stays open");
        Assert.True(booking.IsOpen("B-1", night.AddDays(-1)), "the night before stays open");
        // The source channel is told the ledger's state too (its own nights closed), never left with a stale push.
        await Eventually.TrueAsync(() => Enumerable.Range(0, 4).All(i => airbnb.IsClosed("A-1", night.AddDays(i))), "the source channel holds the closed nights too");
        Assert.True(airbnb.PushCalls > airbnbPushes);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(unrelatedPushes, booking.Pushes.Count(p => p.Connection.Id == unrelated.Id));
        Assert.True(booking.IsOpen("B-2", night), "another property's listing is untouched");

        // Cancelling reopens them.
        await host.Get<EventService>().PublishAsync("t1", property, new BookingCancelled
        {
            BookingId = "AIRBNB123", CheckIn = night, CheckOut = night.AddDays(4), Source = "airbnb", SourceConnectionId = source.Id,
        }, cancellationToken: TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => Enumerable.Range(0, 4).All(i => booking.IsOpen("B-1", night.AddDays(i))), "the cancellation reopened the nights");
        await Eventually.TrueAsync(() => Enumerable.Range(0, 4).All(i => airbnb.IsOpen("A-1", night.AddDays(i))), "and on the source channel too");
        _ = other;
    }
}
