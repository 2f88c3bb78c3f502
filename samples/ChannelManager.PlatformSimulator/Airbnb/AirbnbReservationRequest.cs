namespace ChannelManager.Simulator.Airbnb;

/// <summary>A reservation to create on the simulated Airbnb, as a guest would book it.</summary>
public sealed record AirbnbReservationRequest
{
    /// <summary>The listing to book.</summary>
    public required string ListingId { get; init; }

    /// <summary>The first night.</summary>
    public required DateOnly StartDate { get; init; }

    /// <summary>How many nights (1–365).</summary>
    public required int Nights { get; init; }

    /// <summary>How many guests.</summary>
    public int NumberOfGuests { get; init; } = 2;

    /// <summary>The guest's first name.</summary>
    public string? GuestFirstName { get; init; } = "Alex";

    /// <summary>The guest's last name.</summary>
    public string? GuestLastName { get; init; } = "Traveller";

    /// <summary>The guest's e-mail.</summary>
    public string? GuestEmail { get; init; } = "alex.traveller@guest.airbnb.example";

    /// <summary>The guest's phone numbers.</summary>
    public IReadOnlyList<string> GuestPhoneNumbers { get; init; } = ["+15555550123"];

    /// <summary>The price of the nights before fees; by default the sum of the nights' daily prices (100 for a night without one).</summary>
    public decimal? ListingBasePrice { get; init; }

    /// <summary>What the host is paid; by default the base price less a 3 % host fee.</summary>
    public decimal? ExpectedPayoutAmount { get; init; }

    /// <summary>The ISO 4217 currency.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>A confirmation code to use instead of a generated one.</summary>
    public string? ConfirmationCode { get; init; }

    /// <summary>Refuse the booking when one of its nights is unavailable (by default it is accepted, as an overbooking).</summary>
    public bool RequireAvailability { get; init; }

    /// <summary>Where to send the webhook instead of <see cref="AirbnbSimulatorOptions.WebhookUrl"/>.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentException">When a value is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ListingId))
        {
            throw new ArgumentException("The listing id is required.", nameof(ListingId));
        }

        if (Nights is < 1 or > 365)
        {
            throw new ArgumentException("A reservation has 1 to 365 nights.", nameof(Nights));
        }

        if (NumberOfGuests < 1)
        {
            throw new ArgumentException("A reservation has at least one guest.", nameof(NumberOfGuests));
        }

        if (ListingBasePrice < 0 || ExpectedPayoutAmount < 0)
        {
            throw new ArgumentException("Amounts cannot be negative.", nameof(ListingBasePrice));
        }

        if (Currency is not { Length: 3 } || !Currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException("The currency is a three-letter upper-case ISO 4217 code.", nameof(Currency));
        }

        if (ConfirmationCode is not null && (ConfirmationCode.Length is < 4 or > 32 || !ConfirmationCode.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException("A confirmation code has 4 to 32 letters or digits.", nameof(ConfirmationCode));
        }
    }
}
