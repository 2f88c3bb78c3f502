using System.Globalization;
using System.Text.Json;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>
/// Strict validation of <c>POST /v2/calendar_operations</c>: a body with any error changes nothing.
/// Date entries are <c>YYYY-MM-DD</c> or <c>YYYY-MM-DD:YYYY-MM-DD</c>, both ends inclusive (the inclusivity is
/// ASSUMED, see platforms.md §2).
/// </summary>
internal static class AirbnbCalendarOperationParser
{
    /// <summary>The longest range one date entry may cover.</summary>
    public const int MaxNightsPerEntry = 1096;

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "dates", "availability", "daily_price", "available_count", "min_nights", "max_nights",
        "closed_to_arrival", "closed_to_departure", "busy_subtype", "platform", "other_platform_name", "notes",
    };

    private static readonly HashSet<string> BusySubtypes = new(StringComparer.Ordinal) { "BLOCKED_BY_HOST", "OUTSIDE_RESERVATION" };

    private static readonly HashSet<string> OtherPlatforms = new(StringComparer.Ordinal) { "VRBO", "BOOKING_COM", "OTHER" };

    public static AirbnbCalendarOperations? Parse(JsonElement root, List<AirbnbErrorDetail> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("The body must be a JSON object.", "invalid_body"));
            return null;
        }

        var listingId = ReadListingId(root, errors);
        if (!root.TryGetProperty("operations", out var operations) || operations.ValueKind != JsonValueKind.Array || operations.GetArrayLength() == 0)
        {
            errors.Add(new("operations must be a non-empty array.", "missing_operations"));
            return null;
        }

        var changes = new List<CalendarChange>();
        var index = 0;
        foreach (var operation in operations.EnumerateArray())
        {
            ParseOperation(operation, $"operations[{index}]", changes, errors);
            index++;
        }

        return errors.Count == 0 && listingId is not null ? new AirbnbCalendarOperations(listingId, changes, index) : null;
    }

    private static string? ReadListingId(JsonElement root, List<AirbnbErrorDetail> errors)
    {
        if (root.TryGetProperty("listing_id", out var id))
        {
            if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var n) && n > 0)
            {
                return n.ToString(CultureInfo.InvariantCulture);
            }

            if (id.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(id.GetString()))
            {
                return id.GetString();
            }
        }

        errors.Add(new("listing_id is required: a positive integer or a non-empty string.", "invalid_listing_id"));
        return null;
    }

    private static void ParseOperation(JsonElement op, string at, List<CalendarChange> changes, List<AirbnbErrorDetail> errors)
    {
        if (op.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new($"{at} must be an object.", "invalid_operation"));
            return;
        }

        var before = errors.Count;
        foreach (var property in op.EnumerateObject())
        {
            if (!KnownFields.Contains(property.Name))
            {
                errors.Add(new($"{at}.{property.Name} is not a known field.", "unknown_field"));
            }
        }

        var ranges = ParseDates(op, at, errors);
        bool? available = null;
        var availabilityValid = true;
        if (Present(op, "availability", out var availability))
        {
            switch (availability.ValueKind == JsonValueKind.String ? availability.GetString() : null)
            {
                case "available": available = true; break;
                case "unavailable": available = false; break;
                default:
                    availabilityValid = false;
                    errors.Add(new($"{at}.availability must be \"available\" or \"unavailable\".", "invalid_availability"));
                    break;
            }
        }

        string? busySubtype = null;
        if (Present(op, "busy_subtype", out var busy))
        {
            busySubtype = busy.ValueKind == JsonValueKind.String ? busy.GetString() : null;
            if (busySubtype is null || !BusySubtypes.Contains(busySubtype))
            {
                errors.Add(new($"{at}.busy_subtype must be BLOCKED_BY_HOST or OUTSIDE_RESERVATION.", "invalid_busy_subtype"));
            }
            else if (available != false && availabilityValid)
            {
                errors.Add(new($"{at}.busy_subtype is only allowed with availability \"unavailable\".", "invalid_busy_subtype"));
            }
        }
        else if (available == false)
        {
            errors.Add(new($"{at}: availability \"unavailable\" requires busy_subtype BLOCKED_BY_HOST or OUTSIDE_RESERVATION.", "missing_busy_subtype"));
        }

        if (Present(op, "platform", out var platform))
        {
            if (platform.ValueKind != JsonValueKind.String || !OtherPlatforms.Contains(platform.GetString()!))
            {
                errors.Add(new($"{at}.platform must be VRBO, BOOKING_COM or OTHER.", "invalid_platform"));
            }
            else if (available != false && availabilityValid)
            {
                errors.Add(new($"{at}.platform is only allowed with availability \"unavailable\".", "invalid_platform"));
            }
        }

        if (Present(op, "other_platform_name", out var otherName) && otherName.ValueKind != JsonValueKind.String)
        {
            errors.Add(new($"{at}.other_platform_name must be a string.", "invalid_other_platform_name"));
        }

        decimal? price = null;
        if (Present(op, "daily_price", out var priceJson))
        {
            if (priceJson.ValueKind == JsonValueKind.Number && priceJson.TryGetDecimal(out var p) && p >= 0)
            {
                price = p;
            }
            else
            {
                errors.Add(new($"{at}.daily_price must be a non-negative number.", "invalid_daily_price"));
            }
        }

        var count = ReadInt(op, "available_count", 0, at, errors);
        var minNights = ReadInt(op, "min_nights", 1, at, errors);
        var maxNights = ReadInt(op, "max_nights", 1, at, errors);
        if (minNights > maxNights)
        {
            errors.Add(new($"{at}.min_nights cannot exceed max_nights.", "invalid_stay_range"));
        }

        var cta = ReadBool(op, "closed_to_arrival", at, errors);
        var ctd = ReadBool(op, "closed_to_departure", at, errors);
        string? notes = null;
        if (Present(op, "notes", out var notesJson))
        {
            if (notesJson.ValueKind == JsonValueKind.String && notesJson.GetString()!.Length <= 2000)
            {
                notes = notesJson.GetString();
            }
            else
            {
                errors.Add(new($"{at}.notes must be a string of at most 2000 characters.", "invalid_notes"));
            }
        }

        var patch = new CalendarDayPatch
        {
            IsAvailable = available,
            BusySubtype = busySubtype,
            DailyPrice = price,
            AvailableCount = count,
            MinNights = minNights,
            MaxNights = maxNights,
            ClosedToArrival = cta,
            ClosedToDeparture = ctd,
            Notes = notes,
        };
        if (errors.Count == before && patch == new CalendarDayPatch())
        {
            errors.Add(new($"{at} changes nothing: give availability, daily_price or another field.", "empty_operation"));
        }

        if (errors.Count == before)
        {
            changes.AddRange(ranges.Select(r => new CalendarChange(r.From, r.Through, patch)));
        }
    }

    private static List<(DateOnly From, DateOnly Through)> ParseDates(JsonElement op, string at, List<AirbnbErrorDetail> errors)
    {
        var ranges = new List<(DateOnly, DateOnly)>();
        if (!op.TryGetProperty("dates", out var dates) || dates.ValueKind != JsonValueKind.Array || dates.GetArrayLength() == 0)
        {
            errors.Add(new($"{at}.dates must be a non-empty array.", "missing_dates"));
            return ranges;
        }

        var i = 0;
        foreach (var entry in dates.EnumerateArray())
        {
            var text = entry.ValueKind == JsonValueKind.String ? entry.GetString()! : string.Empty;
            var parts = text.Split(':');
            if (parts.Length is < 1 or > 2 || !TryDate(parts[0], out var start) || !TryDate(parts[^1], out var end))
            {
                errors.Add(new($"{at}.dates[{i}] \"{text}\" is not YYYY-MM-DD or YYYY-MM-DD:YYYY-MM-DD.", "invalid_date"));
            }
            else if (end < start)
            {
                errors.Add(new($"{at}.dates[{i}] ends before it starts.", "invalid_date_range"));
            }
            else if (end.DayNumber - start.DayNumber + 1 > MaxNightsPerEntry)
            {
                errors.Add(new($"{at}.dates[{i}] covers more than {MaxNightsPerEntry} nights.", "date_range_too_long"));
            }
            else
            {
                ranges.Add((start, end));
            }

            i++;
        }

        return ranges;
    }

    internal static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool Present(JsonElement op, string name, out JsonElement value) =>
        op.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static int? ReadInt(JsonElement op, string name, int min, string at, List<AirbnbErrorDetail> errors)
    {
        if (!Present(op, name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min)
        {
            return n;
        }

        errors.Add(new($"{at}.{name} must be an integer of at least {min}.", $"invalid_{name}"));
        return null;
    }

    private static bool? ReadBool(JsonElement op, string name, string at, List<AirbnbErrorDetail> errors)
    {
        if (!Present(op, name, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(new($"{at}.{name} must be true or false.", $"invalid_{name}"));
        return null;
    }
}
