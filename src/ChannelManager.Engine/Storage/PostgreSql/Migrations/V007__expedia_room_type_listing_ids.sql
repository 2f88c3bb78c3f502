-- An Expedia connection is one room type of a property: its platform_listing_id is now "{property id}:{room type id}"
-- (before: the property id alone, the room type in platform_metadata.room_type_id), so that every room type of a
-- property can be connected and ux_channel_connections_live_listing keeps each room type from being connected twice.
-- Rewrites the connections stored in the old form; there was at most one live connection per property, so no rewritten
-- id can collide with a live one. A connection without room_type_id is left as it was (its pushes then fail with the
-- platform_listing_id validation error until it is updated).
update ${schema}.channel_connections
   set platform_listing_id = btrim(platform_listing_id) || ':' || btrim(platform_metadata ->> 'room_type_id')
 where platform = 'expedia'
   and position(':' in platform_listing_id) = 0
   and coalesce(btrim(platform_metadata ->> 'room_type_id'), '') <> '';
