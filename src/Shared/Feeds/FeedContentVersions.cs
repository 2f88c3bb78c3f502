using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ChannelManager.Adapters.Shared.Feeds;

/// <summary>
/// Remembers, per feed document, the hash of its content and when that content was first served, so that a document
/// rendered on request from the ledger keeps its <c>Last-Modified</c> (and any "last updated" date derived from it)
/// while the content stays the same, and gets a new one as soon as it changes. Shared by the adapters that serve
/// pull feeds (iCal, Vrbo); compiled into each, not a public type. In memory, per process: after a restart (or on
/// another instance) an unchanged document counts as new once, which only makes a platform re-read it.
/// </summary>
internal sealed class FeedContentVersions
{
    private readonly ConcurrentDictionary<string, (string ContentHash, DateTimeOffset Since)> _versions = new(StringComparer.Ordinal);

    /// <summary>
    /// When the content with <paramref name="contentHash"/> was first seen for <paramref name="documentKey"/>: the
    /// stored time while the hash is unchanged, else <paramref name="now"/> (truncated to whole seconds), but always a
    /// later second than the content it replaces (so a change within the second of the last one still moves the date).
    /// </summary>
    /// <param name="documentKey">Identifies the document (e.g. connection id and document kind).</param>
    /// <param name="contentHash">A hash of everything the document says (see <see cref="Hash"/>).</param>
    /// <param name="now">The current time.</param>
    /// <returns>The document's version time.</returns>
    public DateTimeOffset FirstSeen(string documentKey, string contentHash, DateTimeOffset now) =>
        _versions.AddOrUpdate(
            documentKey,
            static (_, s) => (s.contentHash, s.now),
            // New content gets a strictly later second than the content it replaces, even within the same second: a reader
            // that re-reads only documents whose date moved (Vrbo's lastUpdatedDate) would otherwise never see it.
            static (_, old, s) => old.ContentHash == s.contentHash ? old : (s.contentHash, s.now > old.Since ? s.now : old.Since.AddSeconds(1)),
            (contentHash, now: TruncateToSeconds(now))).Since;

    /// <summary>The SHA-256 of some bytes, as upper-case hex.</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>The hash.</returns>
    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content));

    /// <summary>A strong entity tag of a body, quoted (base64url of the first 18 bytes of its SHA-256).</summary>
    /// <param name="content">The body.</param>
    /// <returns>The tag, e.g. <c>"q1w2…"</c>.</returns>
    public static string EntityTag(ReadOnlySpan<byte> content) =>
        "\"" + Convert.ToBase64String(SHA256.HashData(content)[..18]).Replace('+', '-').Replace('/', '_') + "\"";

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
