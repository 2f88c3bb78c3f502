using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Connections;
using ChannelManager.Simulator.Airbnb;

namespace ChannelManager.AspNetCore.Tests.Hostile;

/// <summary>
/// Valid (and forged) webhooks of every push platform for <see cref="AllWebhookPlatformsApp"/>'s secrets, in each
/// platform's own scheme: Airbnb HMAC headers, Booking.com HS256 bearer, Expedia SOAP credentials in the body, FeWo-direkt
/// HTTP Basic, Google Pub/Sub RS256 bearer.
/// </summary>
public sealed class WebhookMessages(RSA pubSubKey)
{
    public const string ExpediaNotificationUsername = "hostile-expedia-bn";
    public const string FewoUsername = "hostile-vrbo";
    public const string GoogleAudience = "https://hostile.example/webhooks/google";
    public const string GooglePushAccount = "pubsub-push@hostile.iam.gserviceaccount.com";
    private const string GoogleKeyId = "hostile-key-1";

    private static readonly Lazy<RSA> ForgedKey = new(() => RSA.Create(2048));

    public static readonly Platform[] Platforms = [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.FewoDirekt, Platform.Google];

    public string AirbnbSecret { get; } = Secret();

    public string BookingComSigningKey { get; } = Secret();

    public string ExpediaNotificationPassword { get; } = Secret();

    public string FewoPassword { get; } = Secret();

    public string GoogleJwks
    {
        get
        {
            var p = pubSubKey.ExportParameters(false);
            return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", alg = "RS256", use = "sig", kid = GoogleKeyId, n = Base64Url.EncodeToString(p.Modulus), e = Base64Url.EncodeToString(p.Exponent) } } });
        }
    }

    public static string Path(Platform platform) => "webhooks/" + platform.ToWebhookSlug();

    /// <summary>A valid, authentic webhook; for reservation platforms it carries a stay of <paramref name="nights"/> from <paramref name="start"/>.</summary>
    public WebhookMessage Valid(Platform platform, string id, DateOnly start, int nights = 3, DateTimeOffset? signedAt = null, string listing = "1234567") =>
        Build(platform, id, start, nights, signedAt ?? DateTimeOffset.UtcNow, forged: false, listing);

    /// <summary>The same webhook with valid-looking but wrong credentials.</summary>
    public WebhookMessage Forged(Platform platform, string id, DateOnly start, int nights = 3) =>
        Build(platform, id, start, nights, DateTimeOffset.UtcNow, forged: true, "1234567");

    private WebhookMessage Build(Platform platform, string id, DateOnly start, int nights, DateTimeOffset at, bool forged, string listing)
    {
        var end = start.AddDays(nights);
        var s = start.ToString("yyyy-MM-dd");
        var e = end.ToString("yyyy-MM-dd");
        var wrong = Secret();
        switch (platform)
        {
            case Platform.Airbnb:
            {
                var body = Encoding.UTF8.GetBytes($$$"""{"action":"reservation_acceptance_confirmation","reservation":{"confirmation_code":"HM{{{id}}}","listing_id":"{{{listing}}}","start_date":"{{{s}}}","nights":{{{nights}}},"number_of_guests":2}}""");
                var headers = AirbnbWebhookSigner.CreateHeaders(forged ? wrong : AirbnbSecret, at.ToUnixTimeSeconds(), body, "delivery-" + id);
                return new WebhookMessage(Path(platform), body, "application/json", headers.ToDictionary());
            }

            case Platform.BookingCom:
            {
                var body = Encoding.UTF8.GetBytes($$$"""{"metadata":{"type":"RESERVATION_NEW","uuid":"bdc-{{{id}}}"},"payload":{"hotel_id":"{{{listing}}}","reservation_id":"{{{id}}}"}}""");
                var token = BookingComNotificationTokens.Issue(forged ? wrong : BookingComSigningKey, "booking", at, TimeSpan.FromMinutes(5));
                return new WebhookMessage(Path(platform), body, "application/json", new Dictionary<string, string> { ["Authorization"] = "Bearer " + token });
            }

            case Platform.Expedia:
            {
                var body = Encoding.UTF8.GetBytes($"""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/">
                      <soap-env:Header>
                        <Interface xmlns="http://www.newtrade.com/expedia/R14/header" Name="ExpediaDirectConnect" Version="4.0">
                          <PayloadInfo RequestId="req-{id}" RequestorId="Expedia.com" ResponderId="EQCHotelPartner" Location="Body">
                            <CommDescriptor SourceId="ExpediaDC" DestinationId="EQCHotelPartner" RetryIndicator="false">
                              <Authentication Username="{ExpediaNotificationUsername}" Password="{(forged ? wrong : ExpediaNotificationPassword)}"/>
                            </CommDescriptor>
                            <PayloadDescriptor Name="OTA_HotelResNotifRQ" Version="2003A">
                              <PayloadReference SupplierHotelCode="{listing}" DistributorHotelId="{listing}"/>
                            </PayloadDescriptor>
                          </PayloadInfo>
                        </Interface>
                      </soap-env:Header>
                      <soap-env:Body>
                        <OTA_HotelResNotifRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="echo-1" TimeStamp="{at:yyyy-MM-ddTHH:mm:ssZ}" Target="Production" Version="1.000" ResStatus="Commit">
                          <HotelReservations>
                            <HotelReservation CreateDateTime="{at:yyyy-MM-ddTHH:mm:ssZ}" RoomStayReservation="true">
                              <UniqueID Type="14" ID="9{id.GetHashCode() & 0xFFFFFF}"/>
                              <RoomStays>
                                <RoomStay>
                                  <RoomTypes><RoomType RoomTypeCode="201357"/></RoomTypes>
                                  <GuestCounts><GuestCount AgeQualifyingCode="10" Count="2"/></GuestCounts>
                                  <TimeSpan Start="{s}" End="{e}"/>
                                  <Total AmountAfterTax="456.78" CurrencyCode="EUR"/>
                                  <BasicPropertyInfo HotelCode="{listing}"/>
                                </RoomStay>
                              </RoomStays>
                            </HotelReservation>
                          </HotelReservations>
                        </OTA_HotelResNotifRQ>
                      </soap-env:Body>
                    </soap-env:Envelope>
                    """);
                return new WebhookMessage(Path(platform), body, "text/xml; charset=utf-8", new Dictionary<string, string> { ["SOAPAction"] = "\"OTA_HotelResNotifRQ\"" });
            }

            case Platform.FewoDirekt:
            {
                var body = Encoding.UTF8.GetBytes($"""
                    <?xml version="1.0" encoding="utf-8"?>
                    <bookingRequest>
                      <documentVersion>1.3</documentVersion>
                      <advertiserAssignedId>adv-1</advertiserAssignedId>
                      <listingExternalId>listing-{listing}</listingExternalId>
                      <reservationId>HA-{id}</reservationId>
                      <inquirer><firstName>Erika</firstName><lastName>Mustermann</lastName><emailAddress>erika@example.com</emailAddress></inquirer>
                      <reservation>
                        <numberOfAdults>2</numberOfAdults>
                        <reservationDates><beginDate>{s}</beginDate><endDate>{e}</endDate></reservationDates>
                        <reservationOriginationDate>{at:yyyy-MM-ddTHH:mm:ssZ}</reservationOriginationDate>
                      </reservation>
                      <orderItemList>
                        <orderItem><feeType>RENTAL</feeType><preTaxAmount currency="EUR">400.00</preTaxAmount><totalAmount currency="EUR">428.00</totalAmount><status>ACCEPTED</status></orderItem>
                      </orderItemList>
                    </bookingRequest>
                    """);
                var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(FewoUsername + ":" + (forged ? wrong : FewoPassword)));
                return new WebhookMessage(Path(platform), body, "application/xml; charset=utf-8", new Dictionary<string, string> { ["Authorization"] = "Basic " + basic });
            }

            case Platform.Google:
            {
                var data = Convert.ToBase64String(Encoding.UTF8.GetBytes($$$"""{"hotel_id":"{{{listing}}}"}"""));
                var body = Encoding.UTF8.GetBytes($$$"""{"message":{"attributes":{"eventType":"PRICE_ACCURACY","hotel_id":"{{{listing}}}"},"data":"{{{data}}}","messageId":"msg-{{{id}}}","publishTime":"{{{at:yyyy-MM-ddTHH:mm:ssZ}}}"},"subscription":"projects/hostile/subscriptions/push"}""");
                return new WebhookMessage(Path(platform), body, "application/json", new Dictionary<string, string> { ["Authorization"] = "Bearer " + GoogleToken(at, forged) });
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(platform), platform, null);
        }
    }

    private string GoogleToken(DateTimeOffset at, bool forged)
    {
        var header = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", kid = GoogleKeyId, typ = "JWT" }));
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new
        {
            aud = GoogleAudience,
            email = GooglePushAccount,
            email_verified = true,
            exp = at.AddHours(1).ToUnixTimeSeconds(),
            iat = at.ToUnixTimeSeconds(),
            iss = "https://accounts.google.com",
            sub = "1",
        }));
        var input = header + "." + payload;
        byte[] signature;
        if (forged)
        {
            signature = ForgedKey.Value.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        else
        {
            signature = pubSubKey.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        return input + "." + Base64Url.EncodeToString(signature);
    }

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
