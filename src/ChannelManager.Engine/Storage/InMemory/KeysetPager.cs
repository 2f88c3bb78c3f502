using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ChannelManager.Common;

namespace ChannelManager.Engine.Storage.InMemory;

/// <summary>Pages a sorted in-memory list by a (timestamp, id) keyset cursor or by offset.</summary>
internal static class KeysetPager
{
    public static Page<T> Paginate<T>(IReadOnlyList<T> sorted, PageRequest page, Func<T, (DateTimeOffset At, Guid Id)> key, bool ascending)
    {
        int start;
        if (page.Cursor is not null)
        {
            var (at, id) = DecodeCursor(page.Cursor);
            start = 0;
            while (start < sorted.Count && !IsAfter(key(sorted[start]), (at, id), ascending))
            {
                start++;
            }
        }
        else
        {
            start = Math.Min(page.Offset, sorted.Count);
        }

        var items = sorted.Skip(start).Take(page.Limit).ToList();
        var next = start + items.Count < sorted.Count && items.Count > 0 ? EncodeCursor(key(items[^1])) : null;
        return new Page<T>(items, next, sorted.Count);
    }

    public static string EncodeCursor((DateTimeOffset At, Guid Id) key)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{key.At.UtcTicks}:{key.Id:N}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static (DateTimeOffset At, Guid Id) DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
        }

        throw new ChannelManagerValidationException("cursor", "The cursor is not one this API returned.");
    }

    private static bool IsAfter((DateTimeOffset At, Guid Id) item, (DateTimeOffset At, Guid Id) cursor, bool ascending)
    {
        var cmp = item.At.UtcTicks.CompareTo(cursor.At.UtcTicks);
        if (cmp == 0)
        {
            cmp = item.Id.CompareTo(cursor.Id);
        }

        return ascending ? cmp > 0 : cmp < 0;
    }
}
