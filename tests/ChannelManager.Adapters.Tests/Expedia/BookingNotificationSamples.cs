using System.Text;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Tests.Expedia;

/// <summary>Hand-written Booking Notifications (the shape of Expedia's BN sample messages), independent of the simulator.</summary>
internal static class BookingNotificationSamples
{
    public const string NotificationUsername = "expedia-bn-user";
    public const string NotificationPassword = "bn-Pässword-0123456789";

    public static readonly DateTimeOffset ReceivedAt = new(2030, 1, 15, 8, 30, 5, TimeSpan.Zero);

    public static string Envelope(
        string resStatus = "Commit",
        string? username = NotificationUsername,
        string? password = NotificationPassword,
        string requestId = "7f8a9b0c-1111-2222-3333-444455556666",
        string bookingId = "987654321",
        string hotelId = "1234567",
        string timeAttribute = "CreateDateTime=\"2030-01-15T08:29:00Z\"",
        string start = "2030-03-01",
        string end = "2030-03-04")
    {
        var authentication = username is null && password is null ? string.Empty : $"<Authentication Username=\"{username}\" Password=\"{password}\"/>";
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/">
              <soap-env:Header>
                <Interface xmlns="http://www.newtrade.com/expedia/R14/header" Name="ExpediaDirectConnect" Version="4.0">
                  <PayloadInfo RequestId="{requestId}" RequestorId="Expedia.com" ResponderId="EQCHotelPartner" Location="Body">
                    <CommDescriptor SourceId="ExpediaDC" DestinationId="EQCHotelPartner" RetryIndicator="false">
                      {authentication}
                    </CommDescriptor>
                    <PayloadDescriptor Name="OTA_HotelResNotifRQ" Version="2003A">
                      <PayloadReference SupplierHotelCode="SUP-{hotelId}" DistributorHotelId="{hotelId}"/>
                    </PayloadDescriptor>
                  </PayloadInfo>
                </Interface>
              </soap-env:Header>
              <soap-env:Body>
                <OTA_HotelResNotifRQ xmlns="http://www.opentravel.org/OTA/2003/05" EchoToken="echo-1" TimeStamp="2030-01-15T08:29:30Z" Target="Production" Version="1.000" ResStatus="{resStatus}">
                  <HotelReservations>
                    <HotelReservation {timeAttribute} RoomStayReservation="true">
                      <UniqueID Type="14" ID="{bookingId}"/>
                      <RoomStays>
                        <RoomStay>
                          <RoomTypes><RoomType RoomTypeCode="201357"/></RoomTypes>
                          <RatePlans><RatePlan RatePlanCode="201547528A"/></RatePlans>
                          <GuestCounts>
                            <GuestCount AgeQualifyingCode="10" Count="2"/>
                            <GuestCount AgeQualifyingCode="8" Age="7" Count="1"/>
                          </GuestCounts>
                          <TimeSpan Start="{start}" End="{end}"/>
                          <Total AmountAfterTax="456.78" CurrencyCode="CHF"/>
                          <BasicPropertyInfo HotelCode="{hotelId}"/>
                        </RoomStay>
                      </RoomStays>
                      <ResGuests>
                        <ResGuest>
                          <Profiles>
                            <ProfileInfo>
                              <Profile ProfileType="1">
                                <Customer>
                                  <PersonName><GivenName>Ana</GivenName><Surname>Müller-Łódź</Surname></PersonName>
                                  <Telephone CountryAccessCode="49" AreaCityCode="30" PhoneNumber="1234567"/>
                                  <Email>ana@guest.expedia.com</Email>
                                </Customer>
                              </Profile>
                            </ProfileInfo>
                          </Profiles>
                        </ResGuest>
                      </ResGuests>
                      <ResGlobalInfo>
                        <HotelReservationIDs><HotelReservationID ResID_Type="8" ResID_Value="{bookingId}"/></HotelReservationIDs>
                        <BasicPropertyInfo HotelCode="{hotelId}"/>
                      </ResGlobalInfo>
                    </HotelReservation>
                  </HotelReservations>
                </OTA_HotelResNotifRQ>
              </soap-env:Body>
            </soap-env:Envelope>
            """;
    }

    public static WebhookRequest Request(string body, string? contentType = "text/xml; charset=utf-8") => new()
    {
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["SOAPAction"] = "\"OTA_HotelResNotifRQ\"" },
        Body = Encoding.UTF8.GetBytes(body),
        ContentType = contentType,
        ReceivedAt = ReceivedAt,
    };
}
