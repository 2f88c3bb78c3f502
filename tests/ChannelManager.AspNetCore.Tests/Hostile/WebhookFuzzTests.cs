using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ChannelManager.Connections;

namespace ChannelManager.AspNetCore.Tests.Hostile;

/// <summary>
/// Sends 10,000 generated bodies (seeded, so a failure reproduces) to every <c>/webhooks/{platform}</c> of a host with
/// all push platforms enabled, through Kestrel: mutations of valid bodies (bit flips, truncation, duplication, byte
/// swaps, splices), random bytes, bodies over the size limit, 10,000-level JSON and XML, and entity bombs; with no
/// headers, forged headers, or the valid headers of the unmutated body (signatures no longer match, or credentials are
/// forged). Every answer must be a 4xx, nothing may be stored or imported, and the managed heap must stay bounded.
/// </summary>
public sealed class WebhookFuzzTests(AllWebhookPlatformsApp app) : IClassFixture<AllWebhookPlatformsApp>
{
    private const int Bodies = 10_000;
    private const int Seed = 20_250_707;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_thousand_hostile_bodies_get_4xx_change_nothing_and_keep_memory_bounded()
    {
        var soon = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(40);
        var valid = WebhookMessages.Platforms.ToDictionary(p => p, p => app.Messages.Valid(p, "fuzz" + (int)p, soon));
        var forged = WebhookMessages.Platforms.ToDictionary(p => p, p => app.Messages.Forged(p, "fuzz" + (int)p, soon));
        var storedBefore = app.Inbox.Stored.Count;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        await Parallel.ForAsync(0, Bodies, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
        {
            var random = new Random(Seed + i);
            var platform = WebhookMessages.Platforms[random.Next(WebhookMessages.Platforms.Length)];
            var (kind, body) = Generate(random, valid[platform].Body);
            var headers = random.Next(3) switch
            {
                0 => null,
                1 => forged[platform],
                _ => platform is Platform.Airbnb ? valid[platform] : forged[platform],
            };
            var contentType = random.Next(10) == 0 ? "text/plain" : valid[platform].ContentType;
            if (platform == Platform.Expedia && kind == "mutation")
            {
                // Expedia's credentials travel in the body: mutate the forged one, so that no mutation is authentic.
                (kind, body) = Generate(random, forged[platform].Body, onlyMutations: true);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, WebhookMessages.Path(platform)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            foreach (var (k, v) in headers?.Headers ?? new Dictionary<string, string>())
            {
                request.Headers.TryAddWithoutValidation(k, v);
            }

            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status is < 400 or >= 500)
            {
                failures.Enqueue($"#{i} {platform} {kind} ({body.Length} bytes) → {status}: {Truncate(await response.Content.ReadAsStringAsync(ct))}");
            }
            else if (status != 413 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Enqueue($"#{i} {platform} {kind} → {status} without problem details");
            }
        });

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.:\n{string.Join("\n", failures.Take(10))}");
        Assert.Equal(Bodies, statuses.Values.Sum());
        Assert.Equal(storedBefore, app.Inbox.Stored.Count);
        Assert.Empty(app.Imported);
        Assert.True(heapAfter - heapBefore < 200L * 1024 * 1024, $"the managed heap grew by {(heapAfter - heapBefore) / 1024 / 1024} MiB");

        // The host still works: a genuine webhook after the storm is accepted.
        using var genuine = await client.SendAsync(app.Messages.Valid(Platform.Airbnb, "after-fuzz", soon).ToRequest(), Ct);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(storedBefore + 1, app.Inbox.Stored.Count);
        Assert.True(statuses.Keys.Count >= 4, "the generator should reach several refusals: " + string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}")));
    }

    private static (string Kind, byte[] Body) Generate(Random random, byte[] seed, bool onlyMutations = false)
    {
        var pick = onlyMutations ? 0 : random.Next(100);
        return pick switch
        {
            < 70 => ("mutation", Mutate(random, seed)),
            < 80 => ("random bytes", RandomBytes(random, random.Next(0, 4096))),
            < 84 => ("over the limit", OverLimit(random, seed)),
            < 90 => ("deep json", DeepJson(random.Next(1_000, 10_001))),
            < 95 => ("deep xml", DeepXml(random.Next(1_000, 10_001))),
            _ => ("entity bomb", EntityBomb(random)),
        };
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var body = seed.ToList();
        var rounds = random.Next(1, 6);
        for (var r = 0; r < rounds && body.Count > 0; r++)
        {
            switch (random.Next(6))
            {
                case 0: // bit flips
                    for (var k = random.Next(1, 8); k > 0; k--)
                    {
                        var at = random.Next(body.Count);
                        body[at] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 1: // truncation
                {
                    var keep = random.Next(body.Count);
                    body.RemoveRange(keep, body.Count - keep);
                    break;
                }
                case 2: // duplication of a slice
                {
                    var from = random.Next(body.Count);
                    var length = Math.Min(random.Next(1, 512), body.Count - from);
                    body.InsertRange(random.Next(body.Count), body.GetRange(from, length));
                    break;
                }

                case 3: // swap two slices (fields change places)
                {
                    var a = random.Next(body.Count);
                    var b = random.Next(body.Count);
                    var length = Math.Min(random.Next(1, 64), Math.Min(body.Count - a, body.Count - b));
                    var first = body.GetRange(a, length);
                    var second = body.GetRange(b, length);
                    for (var k = 0; k < length; k++)
                    {
                        body[a + k] = second[k];
                    }

                    for (var k = 0; k < length; k++)
                    {
                        body[b + k] = first[k];
                    }
                    break;
                }

                case 4: // splice hostile tokens in
                {
                    string[] tokens = ["\"", "<", ">", "{", "}", "[", "]", "&", "&lol;", "<!DOCTYPE x [<!ENTITY lol \"lol\">]>", "\0", "\uFFFF", "\\u0000", "null", "-1", "99999999999999999999", "9999-12-31", "0001-01-01", "]]>", "<![CDATA[", "\"nights\":-5", "\"nights\":2147483647"];
                    body.InsertRange(random.Next(body.Count), Encoding.UTF8.GetBytes(tokens[random.Next(tokens.Length)]));
                    break;
                }

                default: // random bytes overwritten
                {
                    var at = random.Next(body.Count);
                    var length = Math.Min(random.Next(1, 32), body.Count - at);
                    for (var k = 0; k < length; k++)
                    {
                        body[at + k] = (byte)random.Next(256);
                    }

                    break;
                }
            }
        }

        return body.ToArray();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] OverLimit(Random random, byte[] seed)
    {
        var body = new byte[(1024 * 1024) + 1 + random.Next(0, 512 * 1024)];
        for (var at = 0; at < body.Length; at += seed.Length)
        {
            seed.AsSpan(0, Math.Min(seed.Length, body.Length - at)).CopyTo(body.AsSpan(at));
        }

        return body;
    }

    private static byte[] DeepJson(int depth) =>
        Encoding.UTF8.GetBytes("{\"message\":" + string.Concat(Enumerable.Repeat("{\"a\":[", depth)) + "1" + string.Concat(Enumerable.Repeat("]}", depth)) + "}");

    private static byte[] DeepXml(int depth) =>
        Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>" + string.Concat(Enumerable.Repeat("<bookingRequest>", depth)) + string.Concat(Enumerable.Repeat("</bookingRequest>", depth)));

    private static byte[] EntityBomb(Random random)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (var k = 1; k <= 10; k++)
        {
            sb.Append("<!ENTITY lol").Append(k).Append(" \"").Append(string.Concat(Enumerable.Repeat("&lol" + (k - 1) + ";", 10))).Append("\">");
        }

        if (random.Next(2) == 0)
        {
            sb.Append("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">");
        }

        sb.Append("]><bookingRequest>&lol10;&xxe;</bookingRequest>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
