namespace ChannelManager.Adapters.Shared.Listings;

/// <summary>
/// The one spelling of a listing id <c>{parent}:{child}</c> whose two parts are platform ids that are positive integers
/// of at most 18 digits without leading zeros or blanks (Booking.com <c>{hotel id}:{room id}</c>, Expedia
/// <c>{property id}:{room type id}</c>). The engine finds the sub-listings of a parent by the <c>{parent}:</c> prefix
/// (<c>IChannelConnectionStore.FindBySubListingOfAsync</c>), so every adapter that nests listings writes them this way.
/// </summary>
internal static class NumericListingIds
{
    /// <summary>The separator of parent and child.</summary>
    public const char Separator = ':';

    /// <summary>Writes <c>{parent}:{child}</c>.</summary>
    /// <param name="parentId">The parent id.</param>
    /// <param name="childId">The child id.</param>
    /// <param name="parentName">The parent's name in the message of the exception (<c>hotel id</c>).</param>
    /// <param name="childName">The child's name in the message of the exception (<c>room id</c>).</param>
    /// <param name="parentParameter">The parent's parameter name.</param>
    /// <param name="childParameter">The child's parameter name.</param>
    /// <returns>The listing id.</returns>
    /// <exception cref="ArgumentException">When either id is not a positive integer without leading zeros.</exception>
    public static string Of(string parentId, string childId, string parentName, string childName, string parentParameter, string childParameter)
    {
        if (!IsId(parentId))
        {
            throw new ArgumentException($"The {parentName} must be a positive integer without leading zeros.", parentParameter);
        }

        if (!IsId(childId))
        {
            throw new ArgumentException($"The {childName} must be a positive integer without leading zeros.", childParameter);
        }

        return parentId + Separator + childId;
    }

    /// <summary>Splits a listing id written <c>{parent}:{child}</c>; any other spelling is refused.</summary>
    /// <param name="listingId">The listing id.</param>
    /// <param name="parentId">The parent id.</param>
    /// <param name="childId">The child id.</param>
    /// <returns>Whether the listing id has the one accepted form.</returns>
    public static bool TryParse(string? listingId, out string parentId, out string childId)
    {
        parentId = childId = string.Empty;
        var at = listingId?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return false;
        }

        var parent = listingId![..at];
        var child = listingId[(at + 1)..];
        if (!IsId(parent) || !IsId(child))
        {
            return false;
        }

        (parentId, childId) = (parent, child);
        return true;
    }

    /// <summary>Whether a platform id is a positive integer of at most 18 digits without leading zeros.</summary>
    /// <param name="text">The id.</param>
    /// <returns>Whether it is one.</returns>
    public static bool IsId(string? text) =>
        text is { Length: > 0 and <= 18 } && text.All(char.IsAsciiDigit) && text[0] != '0';
}
