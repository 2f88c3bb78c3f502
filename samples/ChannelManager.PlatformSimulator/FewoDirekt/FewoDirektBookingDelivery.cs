namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>A booking document the simulated Vrbo posted to the partner, and the partner's answer.</summary>
/// <param name="Url">Where it was sent.</param>
/// <param name="Body">The exact body sent.</param>
/// <param name="StatusCode">The status the partner answered; <see langword="null"/> when it did not answer.</param>
/// <param name="ReplyStatus">The <c>bookingResponse</c>'s <c>bookingStatus</c>, when the answer was one.</param>
/// <param name="ExternalId">The partner's booking id from the <c>bookingResponse</c>.</param>
/// <param name="Error">Why the answer was not a valid <c>bookingResponse</c>, or why there was none.</param>
public sealed record FewoDirektBookingDelivery(Uri Url, string Body, int? StatusCode, string? ReplyStatus, string? ExternalId, string? Error)
{
    /// <summary>Whether the partner answered 200 with a <c>bookingResponse</c>.</summary>
    public bool Accepted => StatusCode == 200 && ReplyStatus is not null && Error is null;
}
