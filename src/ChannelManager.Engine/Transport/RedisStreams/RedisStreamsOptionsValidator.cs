using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <summary>
/// Validates <see cref="RedisStreamsOptions"/> at start-up, including cross-field rules. Messages name the configuration
/// key (<c>ChannelManager:RedisStreams:…</c>), never a value.
/// </summary>
internal sealed class RedisStreamsOptionsValidator : IValidateOptions<RedisStreamsOptions>
{
    private const string Prefix = "ChannelManager:RedisStreams:";

    public ValidateOptionsResult Validate(string? name, RedisStreamsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add(Prefix + "ConnectionString is required.");
        }
        else
        {
            try
            {
                if (ConfigurationOptions.Parse(options.ConnectionString, ignoreUnknown: true).EndPoints.Count == 0)
                {
                    failures.Add(Prefix + "ConnectionString names no endpoint.");
                }
            }
            catch (ArgumentException ex)
            {
                failures.Add(Prefix + "ConnectionString is not a valid StackExchange.Redis configuration: " + ex.Message);
            }
        }

        Required(options.StreamName, nameof(options.StreamName), failures);
        Required(options.ConsumerGroup, nameof(options.ConsumerGroup), failures);
        Required(options.ConsumerName, nameof(options.ConsumerName), failures);
        Required(options.DeadLetterStreamName, nameof(options.DeadLetterStreamName), failures);
        Required(options.NotificationChannel, nameof(options.NotificationChannel), failures);
        if (string.Equals(options.DeadLetterStreamName, options.StreamName, StringComparison.Ordinal))
        {
            failures.Add(Prefix + "DeadLetterStreamName must differ from StreamName.");
        }

        Range(options.BatchSize, 1, 10_000, nameof(options.BatchSize), failures);
        Range(options.MaxDeliveries, 1, 100, nameof(options.MaxDeliveries), failures);
        Range(options.DeadLetterMaxLength, 100, int.MaxValue, nameof(options.DeadLetterMaxLength), failures);
        Positive(options.ClaimMinIdleTime, nameof(options.ClaimMinIdleTime), failures);
        Positive(options.ClaimInterval, nameof(options.ClaimInterval), failures);
        Positive(options.FallbackPollInterval, nameof(options.FallbackPollInterval), failures);
        Positive(options.TrimInterval, nameof(options.TrimInterval), failures);
        Positive(options.ProcessedEventRetention, nameof(options.ProcessedEventRetention), failures);
        if (options.ClaimInterval > TimeSpan.Zero && options.ClaimInterval * 2 > options.ClaimMinIdleTime)
        {
            failures.Add(Prefix + "ClaimInterval must be at most half of ClaimMinIdleTime (entries in progress are refreshed every ClaimInterval so that no one claims them).");
        }

        if (options.ClaimMinIdleTime > TimeSpan.Zero && options.MaxDeliveries is >= 1 and <= 100
            && options.ProcessedEventRetention <= options.ClaimMinIdleTime * options.MaxDeliveries)
        {
            failures.Add(Prefix + "ProcessedEventRetention must be longer than ClaimMinIdleTime × MaxDeliveries (an event can be redelivered for that long).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Required(string? value, string name, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{Prefix}{name} is required.");
        }
    }

    private static void Range(int value, int min, int max, string name, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add(max == int.MaxValue ? $"{Prefix}{name} must be at least {min}." : $"{Prefix}{name} must be between {min} and {max}.");
        }
    }

    private static void Positive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{name} must be positive.");
        }
    }
}
