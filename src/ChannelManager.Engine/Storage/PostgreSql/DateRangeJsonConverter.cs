using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChannelManager.Inventory;

namespace ChannelManager.Engine.Storage.PostgreSql;

/// <summary>
/// Writes a <see cref="DateRange"/> as <c>{"start":"yyyy-MM-dd","end":"yyyy-MM-dd"}</c> and reads it back through its
/// validating constructor (System.Text.Json would otherwise build <c>default(DateRange)</c> for the struct).
/// </summary>
internal sealed class DateRangeJsonConverter : JsonConverter<DateRange>
{
    public override DateRange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A date range must be a JSON object with 'start' and 'end'.");
        }

        DateOnly? start = null;
        DateOnly? end = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Malformed date range.");
            }

            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "start":
                    start = ParseDate(ref reader);
                    break;
                case "end":
                    end = ParseDate(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (start is null || end is null)
        {
            throw new JsonException("A date range needs both 'start' and 'end'.");
        }

        try
        {
            return new DateRange(start.Value, end.Value);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, DateRange value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("start", value.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteString("end", value.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static DateOnly ParseDate(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String
            || !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new JsonException("A date range's dates must be strings in the form yyyy-MM-dd.");
        }

        return date;
    }
}
