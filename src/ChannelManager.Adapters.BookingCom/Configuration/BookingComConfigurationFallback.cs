using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.BookingCom.Configuration;

/// <summary>
/// Fills settings that are still empty from configuration (<see cref="BookingComConfigurationKeys"/>). Registered
/// before the code's own configure actions, and filling only what is unset, so that code always wins.
/// </summary>
internal sealed class BookingComConfigurationFallback(IConfiguration? configuration) : IConfigureOptions<BookingComOptions>
{
    public void Configure(BookingComOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        options.ClientId = string.IsNullOrEmpty(options.ClientId) ? Value(BookingComConfigurationKeys.ClientId) : options.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(options.ClientSecret) ? Value(BookingComConfigurationKeys.ClientSecret) : options.ClientSecret;
        options.NotificationSigningKey = string.IsNullOrEmpty(options.NotificationSigningKey) ? Value(BookingComConfigurationKeys.NotificationSigningKey) : options.NotificationSigningKey;
        options.NotificationBasicUsername = string.IsNullOrEmpty(options.NotificationBasicUsername) ? Value(BookingComConfigurationKeys.NotificationBasicUsername) : options.NotificationBasicUsername;
        options.NotificationBasicPassword = string.IsNullOrEmpty(options.NotificationBasicPassword) ? Value(BookingComConfigurationKeys.NotificationBasicPassword) : options.NotificationBasicPassword;
        if (options.BaseUrl == BookingComOptions.DefaultBaseUrl && Value(BookingComConfigurationKeys.ApiBaseUrl) is { } url)
        {
            options.BaseUrl = ToUri(url);
        }

        if (options.ReservationsBaseUrl is null && Value(BookingComConfigurationKeys.ReservationsBaseUrl) is { } reservations)
        {
            options.ReservationsBaseUrl = ToUri(reservations);
        }

        if (options.AuthBaseUrl is null && Value(BookingComConfigurationKeys.AuthBaseUrl) is { } auth)
        {
            options.AuthBaseUrl = ToUri(auth);
        }
    }

    // An unusable value stays visible to validation instead of being silently ignored.
    private static Uri ToUri(string text) =>
        Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var uri) ? uri : new Uri("invalid-base-url", UriKind.Relative);

    private string? Value(string key) => configuration![key] is { Length: > 0 } value ? value.Trim() : null;
}
