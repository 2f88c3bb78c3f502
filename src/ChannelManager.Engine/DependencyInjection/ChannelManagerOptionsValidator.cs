using System.ComponentModel.DataAnnotations;
using ChannelManager.Engine.Resilience;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.DependencyInjection;

/// <summary>
/// Validates <see cref="ChannelManagerOptions"/> at start-up, including cross-field rules. Messages name the
/// configuration key (<c>ChannelManager:…</c>, the section hosts bind), never a value.
/// </summary>
internal sealed class ChannelManagerOptionsValidator : IValidateOptions<ChannelManagerOptions>
{
    private const string Section = "ChannelManager:";

    public ValidateOptionsResult Validate(string? name, ChannelManagerOptions options)
    {
        var failures = new List<string>();
        Annotate(options, "ChannelManager", failures);
        Positive(options.EventRedeliveryDelay, nameof(options.EventRedeliveryDelay), failures);
        Positive(options.DispatchRetryBaseDelay, nameof(options.DispatchRetryBaseDelay), failures);
        Positive(options.InboxPollInterval, nameof(options.InboxPollInterval), failures);
        Positive(options.UnmappedReservationRecheckInterval, nameof(options.UnmappedReservationRecheckInterval), failures);
        if (options.ReconciliationInterval < TimeSpan.Zero || (options.ReconciliationInterval > TimeSpan.Zero && options.ReconciliationInterval < TimeSpan.FromMilliseconds(100)))
        {
            failures.Add(Section + "ReconciliationInterval must be zero (off) or at least 0.1 s.");
        }

        if (options.DispatchRetryMaxDelay < options.DispatchRetryBaseDelay)
        {
            failures.Add(Section + "DispatchRetryMaxDelay must not be shorter than DispatchRetryBaseDelay.");
        }

        if (options.MaxReservationNights is < 1 or > 3660)
        {
            failures.Add(Section + "MaxReservationNights must be between 1 and 3660.");
        }

        if (options.MaxReservationArrivalDaysAhead is < 1 or > 36600)
        {
            failures.Add(Section + "MaxReservationArrivalDaysAhead must be between 1 and 36600.");
        }

        if (options.MaxReservationDepartureDaysPast is < 0 or > 36600)
        {
            failures.Add(Section + "MaxReservationDepartureDaysPast must be between 0 and 36600.");
        }

        ValidateResilience(options.DefaultResilience, Section + "DefaultResilience", failures);
        foreach (var (platform, r) in options.PlatformResilience)
        {
            ValidateResilience(r, $"{Section}PlatformResilience:{platform}", failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateResilience(PlatformResilienceOptions r, string path, List<string> failures)
    {
        Annotate(r, path, failures);
        Positive(r.RetryBaseDelay, path + ":RetryBaseDelay", failures);
        Positive(r.AttemptTimeout, path + ":AttemptTimeout", failures);
        Positive(r.BreakerBreakDuration, path + ":BreakerBreakDuration", failures);
        if (r.AriPushBudget > 0 && r.AriPushBudgetWindow < TimeSpan.FromMilliseconds(100))
        {
            failures.Add($"{path}:AriPushBudgetWindow must be at least 0.1 s when AriPushBudget is set.");
        }
        if (r.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add($"{path}:BreakerSamplingDuration must be at least 0.5 s.");
        }

        if (r.RetryMaxDelay < r.RetryBaseDelay)
        {
            failures.Add($"{path}:RetryMaxDelay must not be shorter than RetryBaseDelay.");
        }

        if (r.TotalTimeout < r.AttemptTimeout)
        {
            failures.Add($"{path}:TotalTimeout must not be shorter than AttemptTimeout.");
        }
    }

    private static void Annotate(object instance, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{path}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }

    private static void Positive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{(name.StartsWith(Section, StringComparison.Ordinal) ? name : Section + name)} must be positive.");
        }
    }
}
