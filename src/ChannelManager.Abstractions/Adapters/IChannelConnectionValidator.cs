using ChannelManager.Common;

namespace ChannelManager.Adapters;

/// <summary>
/// Implemented by an <see cref="IChannelAdapter"/> whose platform has rules for a connection's listing id and metadata
/// (Booking.com: <c>{hotel id}:{room id}</c>). The engine asks it when a connection is created or updated, before
/// anything is stored, so that bad settings are refused with a validation error naming the field instead of failing
/// on the first push, and so that one platform listing has exactly one spelling (the store's uniqueness of
/// <c>(platform, platform_listing_id)</c> then keeps it from being connected twice).
/// </summary>
public interface IChannelConnectionValidator
{
    /// <summary>Checks a connection's platform settings.</summary>
    /// <param name="platformListingId">The listing id, trimmed.</param>
    /// <param name="platformMetadata">The platform metadata.</param>
    /// <returns>The errors found, keyed by wire field name (<c>platform_listing_id</c>, <c>platform_metadata.room_id</c>, …).</returns>
    ValidationErrors ValidateConnection(string platformListingId, IReadOnlyDictionary<string, string> platformMetadata);
}
