#!/usr/bin/env python3
"""bms over HTTP: Q1-Q4 and W1 through the public API of a running `bms serve` on 127.0.0.1.

    bms_http.py --port P --export DIR --out FILE --w1-clients 64 [--w1-seconds 20]

Q1-Q3 are `GET /api/properties?...` and Q4 `GET /api/properties/<id>` with the exported request paths,
one keep-alive connection, one request at a time (as the SQL engines get one query at a time). W1 signs
up one seeker per client (`POST /api/auth/register`) and books one bed with `POST /api/bookings`; after
it every seeker's bookings are read back (`GET /api/bookings/user/<id>`) and overbooked room-nights
counted from them (common.overbooked_nights), with a planted overbooking as negative control.
"""
import http.client
import json

import common


class Client:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1."""

    def __init__(self, port, token=None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Accept": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token

    def call(self, method, path, body=None):
        headers = dict(self.headers)
        payload = None
        if body is not None:
            payload = json.dumps(body)
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=payload, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else None

    def data(self, method, path, body=None, expect=200):
        status, answer = self.call(method, path, body)
        if status != expect:
            raise RuntimeError("%s %s: HTTP %d %s" % (method, path, status, answer))
        return answer["data"]

    def close(self):
        self.conn.close()


def answerer(client):
    def for_kind(kind):
        def answer(line):
            data = client.data("GET", line["path"])
            return [room["id"] for room in data["rooms"]] if kind == "Q4" else [hit["id"] for hit in data["hits"]]
        return answer
    return for_kind


def register_seekers(port, count):
    client = Client(port)
    seekers = []
    for index in range(count):
        issued = client.data("POST", "/api/auth/register", {
            "firstName": "Seeker", "lastName": "H%d" % index, "email": "w1-http-seeker-%d@example.com" % index,
            "password": "w1 http seeker password %d" % index, "phoneNumber": "+91 98765 43210", "role": "seeker"},
            expect=201)
        seekers.append((issued["user"]["id"], issued["accessToken"]))
    client.close()
    return seekers


class BookingClient:
    def __init__(self, port, token):
        self.client = Client(port, token)

    def book(self, request):
        status, answer = self.client.call("POST", "/api/bookings", {
            "propertyId": request["propertyId"], "roomId": request["roomId"], "checkInDate": request["checkIn"],
            "checkOutDate": request["checkOut"], "beds": 1})
        if status == 201:
            return True
        if status == 409 and answer["error"]["code"] == "unavailable":
            return False
        raise RuntimeError("POST /api/bookings: HTTP %d %s" % (status, answer))

    def close(self):
        self.client.close()


def overbooking(port, seekers, rooms, booked):
    stays = []
    for user_id, token in seekers:
        client = Client(port, token)
        path = "/api/bookings/user/%s?limit=100" % user_id
        while path:
            page = client.data("GET", path)
            stays += [(b["roomId"], b["checkInDate"], b["checkOutDate"], b["beds"]) for b in page["bookings"]
                      if b["bookingStatus"] in ("pending", "confirmed")]
            path = page["nextCursor"] and "/api/bookings/user/%s?limit=100&before=%s" % (user_id, page["nextCursor"])
        client.close()
    assert len(stays) == booked, "W1 acknowledged %d bookings but %d were read back" % (booked, len(stays))
    capacities = {r["id"]: r["capacity"] for r in rooms}
    planted_room = stays[0][0] if stays else rooms[0]["id"]
    return {"bookings_read_back": len(stays), "violations": common.overbooked_nights(stays, capacities),
            "negative_control_violations": common.overbooked_nights(
                stays + common.planted_overbooking(planted_room, capacities[planted_room]), capacities)}


def main():
    args, export = common.parse_arguments(__doc__, "--port", type=int)
    result = {"engine": "bms-http"}
    client = Client(args.port)
    result["queries"] = common.run_queries("bms over HTTP", answerer(client), export, args)
    client.close()
    seekers = register_seekers(args.port, args.w1_clients)
    rooms = export.rooms()
    common.run_w1("bms over HTTP", result, args, export.bookings(), lambda index: BookingClient(args.port, seekers[index][1]),
                  lambda booked: overbooking(args.port, seekers, rooms, booked))


if __name__ == "__main__":
    main()
