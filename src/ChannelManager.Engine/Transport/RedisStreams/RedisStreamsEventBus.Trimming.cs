using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChannelManager.Engine.Transport.RedisStreams;

/// <content>Trimming the stream and forgetting consumers that are gone.</content>
internal sealed partial class RedisStreamsEventBus
{
    /// <summary>
    /// Trims the stream (<c>XTRIM MINID</c>, exact) to the oldest entry any group still needs: for each group, its
    /// lowest pending id (<c>XPENDING</c> summary) if it has pending entries, else the id right after its
    /// last-delivered id (<c>XINFO GROUPS</c>). One script, so nothing moves between looking and trimming.
    /// Returns the number of entries removed (0 when the stream or its groups do not exist).
    /// </summary>
    private const string TrimScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
        if #groups == 0 then return 0 end
        local function split(id)
          local dash = string.find(id, '-', 1, true)
          return string.sub(id, 1, dash - 1), tonumber(string.sub(id, dash + 1))
        end
        local keepMs, keepMsNum, keepSeq
        for _, g in ipairs(groups) do
          local name, pending, last
          for i = 1, #g, 2 do
            local k = g[i]
            if k == 'name' then name = g[i + 1]
            elseif k == 'pending' then pending = g[i + 1]
            elseif k == 'last-delivered-id' then last = g[i + 1] end
          end
          local ms, seq
          if pending > 0 then
            ms, seq = split(redis.call('XPENDING', KEYS[1], name)[2])
          else
            ms, seq = split(last)
            seq = seq + 1
          end
          local msNum = tonumber(ms)
          if keepMs == nil or msNum < keepMsNum or (msNum == keepMsNum and seq < keepSeq) then
            keepMs, keepMsNum, keepSeq = ms, msNum, seq
          end
        end
        return redis.call('XTRIM', KEYS[1], 'MINID', keepMs .. '-' .. string.format('%d', keepSeq))
        """;

    /// <summary>A consumer with nothing pending and idle this long is removed from the group (a process that is gone).</summary>
    private static readonly TimeSpan GoneConsumerIdleTime = TimeSpan.FromHours(1);

    private async Task RunTrimmerAsync(CancellationToken stop)
    {
        var passes = 0L;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.TrimInterval, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                var db = _db ?? await GetDatabaseAsync().ConfigureAwait(false);
                await TrimAsync(db).ConfigureAwait(false);
                if (passes++ % 30 == 0)
                {
                    await ForgetGoneConsumersAsync(db).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The reader reports outages; trimming simply waits for the next interval.
                _logger.LogDebug("Trimming stream {Stream} failed: {Message}", _options.StreamName, ex.Message);
            }
        }
    }

    /// <summary>Trims the stream once.</summary>
    /// <returns>How many entries were removed.</returns>
    internal async Task<long> TrimAsync(IDatabase db)
    {
        var removed = (long)await db.ScriptEvaluateAsync(TrimScript, [_keys.Stream]).ConfigureAwait(false);
        if (removed > 0)
        {
            _logger.LogDebug("Trimmed {Count} handled entries from stream {Stream}", removed, _options.StreamName);
        }

        return removed;
    }

    private async Task ForgetGoneConsumersAsync(IDatabase db)
    {
        if (!await db.KeyExistsAsync(_keys.Stream).ConfigureAwait(false))
        {
            return;
        }

        foreach (var consumer in await db.StreamConsumerInfoAsync(_keys.Stream, _keys.Group).ConfigureAwait(false))
        {
            if (consumer.PendingMessageCount == 0 && consumer.IdleTimeInMilliseconds > GoneConsumerIdleTime.TotalMilliseconds && consumer.Name != _options.ConsumerName)
            {
                await db.StreamDeleteConsumerAsync(_keys.Stream, _keys.Group, consumer.Name).ConfigureAwait(false);
                _logger.LogInformation("Removed consumer {Consumer} from group {Group}: idle for {Idle} with nothing pending", consumer.Name, _options.ConsumerGroup, TimeSpan.FromMilliseconds(consumer.IdleTimeInMilliseconds));
            }
        }
    }
}
