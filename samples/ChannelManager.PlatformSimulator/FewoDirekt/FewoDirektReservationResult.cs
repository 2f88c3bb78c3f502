namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>A booking action's outcome.</summary>
/// <param name="Reservation">The booking after the action.</param>
/// <param name="Delivery">The document posted to the partner, or <see langword="null"/> when no booking URL is configured.</param>
public sealed record FewoDirektReservationResult(FewoDirektReservation Reservation, FewoDirektBookingDelivery? Delivery);
