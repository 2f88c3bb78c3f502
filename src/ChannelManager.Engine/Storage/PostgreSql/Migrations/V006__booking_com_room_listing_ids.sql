-- A Booking.com connection is one room type of a hotel: its platform_listing_id is now "{hotel id}:{room id}" (before:
-- the hotel id alone, the room in platform_metadata.room_id), so that every room of a hotel can be connected and
-- ux_channel_connections_live_listing keeps each room from being connected twice. Rewrites the connections stored in
-- the old form; there was at most one live connection per hotel, so no rewritten id can collide with a live one.
update ${schema}.channel_connections
   set platform_listing_id = btrim(platform_listing_id) || ':' || btrim(platform_metadata ->> 'room_id')
 where platform = 'booking_com'
   and position(':' in platform_listing_id) = 0
   and coalesce(btrim(platform_metadata ->> 'room_id'), '') <> '';
