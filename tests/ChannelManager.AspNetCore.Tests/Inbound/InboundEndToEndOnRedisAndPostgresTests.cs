using ChannelManager.AspNetCore.Tests.Hosting;

namespace ChannelManager.AspNetCore.Tests.Inbound;

/// <summary>The inbound scenario on the production path: Redis Streams and PostgreSQL, real servers.</summary>
public sealed class InboundEndToEndOnRedisAndPostgresTests(AllPlatformsOnRedisAndPostgresApp app) : InboundEndToEndScenario<AllPlatformsOnRedisAndPostgresApp>(app), IClassFixture<AllPlatformsOnRedisAndPostgresApp>;
