namespace ChannelManager.Engine.Health;

/// <summary>The names and the tag of the health checks <c>AddHealthChecks()</c> on the ChannelManager builder registers.</summary>
public static class ChannelManagerHealthChecks
{
    /// <summary>The tag every ChannelManager check carries (filter with it when mapping an endpoint).</summary>
    public const string Tag = "channel_manager";

    /// <summary>The bus: in-process always healthy; Redis Streams healthy when Redis answers a ping and the consumer's reader loop runs.</summary>
    public const string Bus = "channel_manager_bus";

    /// <summary>The store: in-memory always healthy; PostgreSQL healthy when a query answers.</summary>
    public const string Store = "channel_manager_store";

    /// <summary>The prefix of the per-platform circuit checks (<c>channel_manager_circuit_airbnb</c>, …): degraded while the circuit is open or half-open.</summary>
    public const string CircuitPrefix = "channel_manager_circuit_";
}
