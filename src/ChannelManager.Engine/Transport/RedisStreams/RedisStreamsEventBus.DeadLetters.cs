using System.Globalization;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <content>The dead-letter stream: writing, listing, replaying.</content>
internal sealed partial class RedisStreamsEventBus
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(int max, CancellationToken cancellationToken = default)
    {
        var letters = new List<DeadLetter>();
        if (max <= 0)
        {
            return letters;
        }

        var db = _db ?? await GetDatabaseAsync().ConfigureAwait(false);
        RedisValue start = "-";
        while (letters.Count < max)
        {
            var want = max - letters.Count;
            var page = await db.StreamRangeAsync(_keys.DeadLetters, start, "+", want).WaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                if (TryReadDeadLetter(entry, out var letter))
                {
                    letters.Add(letter);
                }
            }

            if (page.Length < want)
            {
                break;
            }

            // Malformed letters were skipped: read on after the last one (exclusive range).
            start = "(" + (string)page[^1].Id!;
        }

        return letters;
    }

    public async Task<bool> ReplayAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!IsEntryId(id))
        {
            return false;
        }

        var db = _db ?? await GetDatabaseAsync().ConfigureAwait(false);
        var found = await db.StreamRangeAsync(_keys.DeadLetters, id, id, 1).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (found.Length == 0)
        {
            return false;
        }

        if (!TryReadDeadLetter(found[0], out var letter))
        {
            _logger.LogWarning("Dead letter {DeadLetterId} holds a malformed envelope and cannot be replayed", id);
            return false;
        }

        // Append first, then delete: a crash in between leaves the letter in place (a second replay publishes the same
        // event id again, which the processed-event store makes harmless); the other order could lose the event.
        await AppendAsync(db, found[0][RedisStreamsKeys.EnvelopeField], letter.Envelope.EventId.ToString("D"), letter.Envelope.Type).WaitAsync(cancellationToken).ConfigureAwait(false);
        await db.StreamDeleteAsync(_keys.DeadLetters, [id]).ConfigureAwait(false);
        AfterAppend();
        _logger.LogInformation("Replayed dead letter {DeadLetterId}: event {EventId} ({Type})", id, letter.Envelope.EventId, letter.Envelope.Type);
        await _activity.DeadLetterReplayedAsync(letter, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Moves an entry to the dead-letter stream and acknowledges it: the letter is written (and confirmed) first,
    /// so a crash in between dead-letters the entry twice rather than losing it.
    /// </summary>
    private async Task DeadLetterAsync(IDatabase db, RedisValue entryId, RedisValue raw, string? eventId, string? type, int deliveries, string reason, bool malformed)
    {
        var fields = new List<NameValueEntry>(8)
        {
            new(RedisStreamsKeys.EnvelopeField, raw),
            new(RedisStreamsKeys.OriginalIdField, entryId),
            new(RedisStreamsKeys.DeliveriesField, deliveries),
            new(RedisStreamsKeys.ReasonField, reason),
            new(RedisStreamsKeys.DeadLetteredAtField, _time.GetUtcNow().ToUnixTimeMilliseconds()),
        };
        if (eventId is not null)
        {
            fields.Add(new(RedisStreamsKeys.EventIdField, eventId));
        }

        if (type is not null)
        {
            fields.Add(new(RedisStreamsKeys.TypeField, type));
        }

        if (malformed)
        {
            fields.Add(new(RedisStreamsKeys.MalformedField, 1));
        }

        var letterId = await db.StreamAddAsync(_keys.DeadLetters, [.. fields], maxLength: _options.DeadLetterMaxLength, useApproximateMaxLength: true).ConfigureAwait(false);
        await db.StreamAcknowledgeAsync(_keys.Stream, _keys.Group, entryId).ConfigureAwait(false);
        db.HashDelete(_keys.Failures, entryId, CommandFlags.FireAndForget);
        if (malformed)
        {
            _logger.LogError("Entry {EntryId} of stream {Stream} (event {EventId}, type {Type}) cannot be read and was dead-lettered", (string?)entryId, _options.StreamName, eventId, type);
        }
        else
        {
            _logger.LogError("Event {EventId} ({Type}, entry {EntryId}) was dead-lettered after {Deliveries} deliveries", eventId, type, (string?)entryId, deliveries);
        }

        if (!malformed && _activity.HasObservers)
        {
            var letter = new StreamEntry(letterId, [.. fields]);
            if (TryReadDeadLetter(letter, out var deadLetter))
            {
                await _activity.DeadLetteredAsync(deadLetter, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static bool TryReadDeadLetter(StreamEntry entry, out DeadLetter letter)
    {
        letter = null!;
        if (entry.IsNull || !entry[RedisStreamsKeys.MalformedField].IsNull)
        {
            return false;
        }

        var raw = entry[RedisStreamsKeys.EnvelopeField];
        if (raw.IsNull)
        {
            return false;
        }

        EventEnvelope envelope;
        try
        {
            envelope = EventEnvelopeSerializer.Deserialize(((ReadOnlyMemory<byte>)raw).Span);
        }
        catch (Exception)
        {
            return false;
        }

        var deliveries = entry[RedisStreamsKeys.DeliveriesField].TryParse(out int d) ? d : 0;
        var at = entry[RedisStreamsKeys.DeadLetteredAtField].TryParse(out long ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : default;
        letter = new DeadLetter((string)entry.Id!, envelope, deliveries, (string?)entry[RedisStreamsKeys.ReasonField] ?? string.Empty, at);
        return true;
    }

    /// <summary>Whether a string is a stream entry id (<c>ms-seq</c>), so that no user input reaches Redis as a range.</summary>
    private static bool IsEntryId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 41)
        {
            return false;
        }

        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && ulong.TryParse(id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && ulong.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
