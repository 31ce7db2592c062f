# Rooms directory, search, people, editing and deleting (app/src/ui/pages/).
rooms-title = Rooms
rooms-public = Public rooms
rooms-create-heading = Create a room
rooms-name = Name
rooms-topic = Topic (optional)
rooms-visibility = Who can see it
rooms-public-choice = Public: anyone can find and join it
rooms-private-choice = Private: members only, by invitation
rooms-create-button = Create room
rooms-none = No public rooms yet.
rooms-open = Open
rooms-join = Join
rooms-join-label = Join { $room }
search-title = Search
search-label = Search messages
search-button = Search
search-searching = Searching…
search-empty = Type a word or phrase: 日本語 works too.
search-nothing = Nothing found for “{ $query }”.
search-found = { $n ->
    [one] 1 message found for “{ $query }”.
   *[other] { $n } messages found for “{ $query }”.
}
search-in-room = #{ $room }
search-in-direct = a direct message with { $name }
search-hit-meta = { $author } in { $place }
person-online = Online
person-offline = Offline
person-your-rooms = Your rooms
person-shared-rooms = Rooms you share
person-direct-message = Send a direct message
person-export = Download everything you wrote:
person-export-text = text log
edit-title = Edit message
delete-room-title = Delete #{ $room }?
delete-room-question = Delete #{ $room } and all of its messages for everyone? This cannot be undone.
delete-room-button = Delete #{ $room }
delete-room-not-allowed = Only the room's creator or an admin can delete it.
