using ChannelManager.Common;

namespace ChannelManager.Connections;

/// <summary>Filters and paging for listing connections. Soft-deleted connections are never listed.</summary>
/// <param name="TenantId">The tenant whose connections to list.</param>
/// <param name="PropertyId">Only this property's connections.</param>
/// <param name="Platform">Only this platform's connections.</param>
/// <param name="Status">Only connections in this status.</param>
/// <param name="Page">Which page.</param>
public sealed record ChannelConnectionQuery(
    string TenantId,
    Guid? PropertyId = null,
    Platform? Platform = null,
    ConnectionStatus? Status = null,
    PageRequest? Page = null);
