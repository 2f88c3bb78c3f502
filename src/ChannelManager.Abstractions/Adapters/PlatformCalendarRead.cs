namespace ChannelManager.Adapters;

/// <summary>A listing's calendar as read back from the platform.</summary>
/// <param name="Nights">The nights the platform reported (a night it did not report is not compared).</param>
/// <param name="PlatformCalls">How many platform calls the read took.</param>
public sealed record PlatformCalendarRead(IReadOnlyList<PlatformCalendarNight> Nights, int PlatformCalls);
