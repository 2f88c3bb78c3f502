namespace ChannelManager.Bookings;

/// <summary>The guest of a reservation, as far as the platform shares it.</summary>
/// <param name="FirstName">Given name.</param>
/// <param name="LastName">Family name.</param>
/// <param name="Email">E-mail (often a platform relay address).</param>
/// <param name="Phone">Phone number.</param>
public sealed record GuestDetails(string? FirstName, string? LastName, string? Email = null, string? Phone = null);
