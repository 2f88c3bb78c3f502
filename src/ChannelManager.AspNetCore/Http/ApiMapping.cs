using System.Globalization;
using System.Text.Json;
using ChannelManager.AspNetCore.Contracts;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Sync;

namespace ChannelManager.AspNetCore.Http;

/// <summary>Maps domain objects to API bodies (tokens never leave) and API input to domain input.</summary>
/// <summary>Maps a name to a value, as the <c>TryParse</c> methods of the name helpers do.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="value">The name.</param>
/// <param name="result">The value.</param>
/// <returns>Whether the name is known.</returns>
internal delegate bool NameParser<T>(string? value, out T result);

internal static class ApiMapping
{
    public static ConnectionResponse ToResponse(this ChannelConnection c) => new(
        c.Id,
        c.PropertyId,
        c.Platform.ToWireName(),
        c.PlatformListingId,
        c.Status.ToWireName(),
        c.PlatformMetadata,
        HasAccessToken: !string.IsNullOrEmpty(c.Credentials.AccessToken),
        HasRefreshToken: !string.IsNullOrEmpty(c.Credentials.RefreshToken),
        c.Credentials.ExpiresAt,
        c.CreatedAt,
        c.UpdatedAt,
        c.LastSyncAt,
        c.LastError);

    public static SyncLogResponse ToResponse(this SyncLogEntry e) => new(
        e.Id,
        e.ConnectionId,
        e.Operation,
        e.Trigger,
        e.Range?.Start,
        e.Range?.End,
        e.Attempt,
        e.Outcome.ToString().ToLowerInvariant(),
        Math.Round(e.DurationMs, 3),
        e.PlatformCalls,
        e.Error,
        e.Details,
        e.StartedAt);

    /// <summary>Turns JSON metadata values into strings: strings as they are, numbers and booleans as their JSON text.</summary>
    public static Dictionary<string, string>? ToMetadata(Dictionary<string, JsonElement>? json, ValidationErrors errors)
    {
        if (json is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in json)
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.String:
                    result[k] = v.GetString()!;
                    break;
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    result[k] = v.GetRawText();
                    break;
                default:
                    errors.Add($"platform_metadata.{k}", "Metadata values must be strings, numbers or booleans.");
                    break;
            }
        }

        return result;
    }

    /// <summary>An optional GUID query parameter: <see langword="null"/> when absent, an error on the field when malformed.</summary>
    /// <summary>Parses an optional query filter naming one of a fixed set of names (a platform, a status, …).</summary>
    /// <typeparam name="T">The enum the names map to.</typeparam>
    /// <param name="value">The raw value; <see langword="null"/> means no filter.</param>
    /// <param name="field">The parameter name, for the error.</param>
    /// <param name="parse">Maps a name to its value.</param>
    /// <param name="allowed">The names accepted, listed in the error.</param>
    /// <param name="errors">Collects the error of an unknown name.</param>
    /// <returns>The value, or <see langword="null"/> when absent or unknown.</returns>
    public static T? ParseOptionalName<T>(string? value, string field, NameParser<T> parse, IEnumerable<string> allowed, ValidationErrors errors)
        where T : struct
    {
        if (value is null)
        {
            return null;
        }

        if (parse(value, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, $"The {field.Replace('_', ' ')} must be one of " + string.Join(", ", allowed) + ".");
        return null;
    }

    public static Guid? ParseOptionalGuid(string? value, string field, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (Guid.TryParse(value, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        errors.Add(field, $"The {field.Replace('_', ' ')} must be a GUID.");
        return null;
    }

    public static PageRequest? ParsePage(string? limit, string? offset, string? cursor, ValidationErrors errors)
    {
        var l = PageRequest.DefaultLimit;
        var o = 0;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out l) || l is < 1 or > PageRequest.MaxLimit))
        {
            errors.Add("limit", $"The limit must be a whole number between 1 and {PageRequest.MaxLimit}.");
        }

        if (offset is not null && !int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out o))
        {
            errors.Add("offset", "The offset must be a whole number of at least 0.");
        }

        if (cursor is not null && cursor.Length is 0 or > 200)
        {
            errors.Add("cursor", "The cursor is not one this API returned.");
        }

        return errors.HasErrors ? null : new PageRequest(l, o, cursor);
    }
}
