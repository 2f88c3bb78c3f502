namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>What a step of a convergence history does in the PMS.</summary>
internal enum ConvergenceStepKind
{
    /// <summary>A booking made, changed or cancelled in the PMS (direct, no source connection).</summary>
    Booking,

    /// <summary>A <c>pricing.updated</c>.</summary>
    Price,

    /// <summary>An <c>availability.updated</c> (units, stop-sell, restrictions).</summary>
    Availability,
}
