using ChannelManager.AspNetCore.Tests.Hosting;

namespace ChannelManager.AspNetCore.Tests.Inbound;

/// <summary>The inbound scenario on embedded defaults: in-process bus, in-memory stores.</summary>
public sealed class InboundEndToEndOnEmbeddedDefaultsTests(AllPlatformsApp app) : InboundEndToEndScenario<AllPlatformsApp>(app), IClassFixture<AllPlatformsApp>;
