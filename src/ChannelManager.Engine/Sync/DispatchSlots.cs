using System.Collections.Concurrent;
using ChannelManager.Connections;

namespace ChannelManager.Engine.Sync;

/// <summary>
/// Admission of the dispatcher's work: at most <c>total</c> connections are pushed (or pulled) at once, and at most
/// <c>perPlatform</c> of one platform. A platform that holds its work back — waiting for its rate-limit permits, slow
/// to answer, timing out — fills only its own share; the other platforms' work (a booking's closures above all) keeps
/// the remaining slots. Work of a platform whose share is full waits in that platform's line, without a slot, and is
/// started by the next of that platform's work to finish, which hands over its slot.
/// </summary>
/// <remarks>
/// A connection's platform is looked up once (the resolver given to the constructor, the connection store in the
/// dispatcher) and remembered; a connection that cannot be looked up (gone, store down) is admitted against the total
/// only. One connection is never in a line twice: <see cref="DirtyRangeQueue"/> hands a key over once until it is
/// taken.
/// </remarks>
internal sealed class DispatchSlots : IDisposable
{
    private readonly SemaphoreSlim _total;
    private readonly int _perPlatform;
    private readonly Lock _gate = new();
    private readonly Dictionary<Platform, int> _running = [];
    private readonly Dictionary<Platform, Queue<ConnectionKey>> _waiting = [];
    private readonly ConcurrentDictionary<ConnectionKey, Platform> _platforms = new();
    private readonly Func<ConnectionKey, CancellationToken, ValueTask<Platform?>> _resolve;

    /// <summary>Creates the admission.</summary>
    /// <param name="total">Work items running at once, over all platforms.</param>
    /// <param name="perPlatform">Work items of one platform running at once.</param>
    /// <param name="resolve">Looks up the platform of a connection not seen before; <see langword="null"/> when unknown.</param>
    public DispatchSlots(int total, int perPlatform, Func<ConnectionKey, CancellationToken, ValueTask<Platform?>> resolve)
    {
        _resolve = resolve;
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPlatform, 1);
        _total = new SemaphoreSlim(total);
        _perPlatform = Math.Min(perPlatform, total);
    }

    /// <summary>Work items waiting for their platform's share, over all platforms.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                var n = 0;
                foreach (var line in _waiting.Values)
                {
                    n += line.Count;
                }

                return n;
            }
        }
    }

    /// <summary>Notes a connection's platform (as its work found it), so that its next work counts against that platform's share.</summary>
    /// <param name="key">The connection.</param>
    /// <param name="platform">Its platform.</param>
    public void Remember(ConnectionKey key, Platform platform) => _platforms[key] = platform;

    /// <summary>Forgets a connection (deleted or no longer syncable).</summary>
    /// <param name="key">The connection.</param>
    public void Forget(ConnectionKey key) => _platforms.TryRemove(key, out _);

    /// <summary>
    /// Admits a connection's work: returns its admission once a slot is free, or <see langword="null"/> when its
    /// platform's share is full — then the work waits in the platform's line and comes back from <see cref="Release"/>.
    /// </summary>
    /// <param name="key">The connection with work.</param>
    /// <param name="cancellationToken">Stops the wait for a slot.</param>
    /// <returns>The admission to start the work under, or <see langword="null"/> when it was put in line.</returns>
    public async ValueTask<Admission?> AdmitAsync(ConnectionKey key, CancellationToken cancellationToken)
    {
        Platform? platform = _platforms.TryGetValue(key, out var known) ? known : await ResolveAsync(key, cancellationToken).ConfigureAwait(false);
        if (platform is { } p)
        {
            lock (_gate)
            {
                var running = _running.GetValueOrDefault(p);
                if (running >= _perPlatform)
                {
                    if (!_waiting.TryGetValue(p, out var line))
                    {
                        _waiting[p] = line = new Queue<ConnectionKey>();
                    }

                    line.Enqueue(key);
                    return null;
                }

                _running[p] = running + 1;
            }
        }

        try
        {
            await _total.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (platform is { } q)
            {
                lock (_gate)
                {
                    _running[q]--;
                }
            }

            throw;
        }

        return new Admission(key, platform);
    }

    /// <summary>
    /// Ends an admission's work: when the platform's line has work waiting, its first item takes over the slot and is
    /// returned (start it); otherwise the slot is freed and <see langword="null"/> is returned.
    /// </summary>
    /// <param name="admission">The admission whose work finished.</param>
    /// <returns>The admission of the next work to start in the same slot, if any.</returns>
    public Admission? Release(Admission admission)
    {
        if (admission.Platform is { } p)
        {
            lock (_gate)
            {
                if (_waiting.TryGetValue(p, out var line) && line.TryDequeue(out var next))
                {
                    return new Admission(next, p);
                }

                _running[p]--;
            }
        }

        _total.Release();
        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _total.Dispose();

    private async ValueTask<Platform?> ResolveAsync(ConnectionKey key, CancellationToken cancellationToken)
    {
        try
        {
            if (await _resolve(key, cancellationToken).ConfigureAwait(false) is { } platform)
            {
                _platforms[key] = platform;
                return platform;
            }
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The store is down: admit against the total; the work itself will fail and be retried.
        }

        return null;
    }

    /// <summary>A slot held by one connection's work.</summary>
    /// <param name="Key">The connection.</param>
    /// <param name="Platform">The platform whose share the slot counts against; <see langword="null"/> while not known.</param>
    public readonly record struct Admission(ConnectionKey Key, Platform? Platform);
}
