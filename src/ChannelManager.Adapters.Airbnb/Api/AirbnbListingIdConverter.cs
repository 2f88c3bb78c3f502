using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>
/// Airbnb listing ids are numeric: written as a JSON number when the id is one, as a string otherwise; read from
/// either.
/// </summary>
internal sealed class AirbnbListingIdConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException("A listing id must be an integer or a string."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n.ToString(CultureInfo.InvariantCulture) == value)
        {
            writer.WriteNumberValue(n);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
