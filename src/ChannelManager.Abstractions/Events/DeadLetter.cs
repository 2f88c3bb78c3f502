namespace ChannelManager.Events;

/// <summary>An event that failed too many times and was set aside for inspection and replay.</summary>
/// <param name="Id">The dead letter's id.</param>
/// <param name="Envelope">The event.</param>
/// <param name="Deliveries">How many times it was delivered.</param>
/// <param name="Reason">The last failure.</param>
/// <param name="DeadLetteredAt">When it was set aside.</param>
public sealed record DeadLetter(string Id, EventEnvelope Envelope, int Deliveries, string Reason, DateTimeOffset DeadLetteredAt);
