using ChannelManager.Events;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>One event the PMS publishes for a step: payload and per-aggregate version (per booking; per property for rates and availability).</summary>
internal sealed record ConvergenceEvent(int Step, PmsEvent Payload, long Version);
