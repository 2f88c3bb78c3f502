using ChannelManager.Connections;

namespace ChannelManager.Chaos.Load;

/// <summary>A reservation made on a platform during the run.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="ConfirmationCode">The platform's code for it (what the PMS record must carry).</param>
/// <param name="PropertyIndex">The property whose listing was booked.</param>
/// <param name="CheckIn">The first night.</param>
/// <param name="CheckOut">The departure.</param>
/// <param name="Delivery">How the platform told the workers (webhook status, or "queue").</param>
internal sealed record PlatformBooking(Platform Platform, string ConfirmationCode, int PropertyIndex, DateOnly CheckIn, DateOnly CheckOut, string Delivery);
