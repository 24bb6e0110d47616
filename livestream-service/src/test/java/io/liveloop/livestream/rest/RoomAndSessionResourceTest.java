package io.liveloop.livestream.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.liveloop.livestream.LiveFixtures.PROBLEM;
import static io.liveloop.livestream.LiveFixtures.PROBLEMS;
import static io.liveloop.livestream.LiveFixtures.as;
import static io.liveloop.livestream.LiveFixtures.openRoom;
import static io.liveloop.livestream.LiveFixtures.scheduleSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class RoomAndSessionResourceTest {

    private final UUID host = UUID.randomUUID();

    @Test
    void hostOpensARoomThatAnyoneSignedInCanRead() {
        var created = as(host, "HOST")
                .body(Map.of("title", "晚间好物", "coverImageUrl", "https://media.liveloop.example/covers/1.jpg"))
                .post("/api/live/rooms")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("hostId", equalTo(host.toString()))
                .body("title", equalTo("晚间好物"))
                .body("coverImageUrl", equalTo("https://media.liveloop.example/covers/1.jpg"))
                .body("createdAt", notNullValue())
                .extract();
        String id = created.path("id");
        org.hamcrest.MatcherAssert.assertThat(created.header("Location"), endsWith("/api/live/rooms/" + id));

        as(UUID.randomUUID(), "BUYER").get("/api/live/rooms/" + id).then().statusCode(200).body("title", equalTo("晚间好物"));
        as(UUID.randomUUID(), "BUYER").get("/api/live/rooms?hostId=" + host).then().statusCode(200)
                .body("items.id", hasItem(id)).body("nextCursor", nullValue());
        as(host, "HOST").get("/api/live/rooms").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void roomProblems() {
        as(UUID.randomUUID(), "BUYER").body(Map.of("title", "x")).post("/api/live/rooms")
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "forbidden"));
        given().contentType("application/json").body(Map.of("title", "x")).post("/api/live/rooms")
                .then().statusCode(401).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "unauthorized"));
        as(host, "HOST").body(Map.of("title", " ")).post("/api/live/rooms")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "validation-failed"))
                .body("errors.field", hasItem("title"));
        as(host, "HOST").body(Map.of("title", "Cheaper at shop.taobao.com")).post("/api/live/rooms")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "outbound-link"))
                .body("errors[0].field", equalTo("title")).body("violations[0].text", containsString("taobao.com"));
        as(host, "HOST").body(Map.of("title", "Room", "coverImageUrl", "https://elsewhere.example/c.jpg")).post("/api/live/rooms")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "outbound-link"))
                .body("errors[0].field", equalTo("coverImageUrl"));
        as(host, "HOST").get("/api/live/rooms/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-found"))
                .body("detail", containsString("room"));
    }

    @Test
    void sessionGoesFromScheduledToLiveToEnded() {
        String roomId = openRoom(host);
        var created = as(host, "HOST").body(Map.of("title", "Summer live", "scheduledStartAt", "2030-06-01T12:00:00Z"))
                .post("/api/live/rooms/" + roomId + "/sessions")
                .then().statusCode(201)
                .body("roomId", equalTo(roomId))
                .body("hostId", equalTo(host.toString()))
                .body("title", equalTo("Summer live"))
                .body("status", equalTo("SCHEDULED"))
                .body("scheduledStartAt", equalTo("2030-06-01T12:00:00Z"))
                .body("startedAt", nullValue())
                .body("endedAt", nullValue())
                .extract();
        String sessionId = created.path("id");
        org.hamcrest.MatcherAssert.assertThat(created.header("Location"), endsWith("/api/live/sessions/" + sessionId));

        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/end")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "illegal-transition"))
                .body("currentState", equalTo("SCHEDULED")).body("detail", containsString("SCHEDULED"));
        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/start")
                .then().statusCode(200).body("status", equalTo("LIVE")).body("startedAt", notNullValue());
        as(UUID.randomUUID(), "BUYER").get("/api/live/sessions?status=LIVE&limit=100").then().statusCode(200)
                .body("items.id", hasItem(sessionId));
        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/start")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "illegal-transition"))
                .body("currentState", equalTo("LIVE"));
        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/end")
                .then().statusCode(200).body("status", equalTo("ENDED")).body("endedAt", notNullValue());
        as(host, "HOST").post("/api/live/sessions/" + sessionId + "/end")
                .then().statusCode(409).contentType(PROBLEM).body("currentState", equalTo("ENDED"))
                .body("detail", equalTo("cannot end session in state ENDED"));
        as(UUID.randomUUID(), "BUYER").get("/api/live/sessions?status=LIVE&limit=100").then().statusCode(200)
                .body("items.id", not(hasItem(sessionId)));
        as(UUID.randomUUID(), "BUYER").get("/api/live/sessions?status=ENDED&limit=100").then().statusCode(200)
                .body("items.id", hasItem(sessionId));
        as(UUID.randomUUID(), "BUYER").get("/api/live/rooms/" + roomId + "/sessions").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].status", equalTo("ENDED"));
    }

    @Test
    void aRoomHasOneLiveSessionAtATime() {
        String roomId = openRoom(host);
        String first = scheduleSession(host, roomId);
        String second = scheduleSession(host, roomId);
        as(host, "HOST").post("/api/live/sessions/" + first + "/start").then().statusCode(200);
        as(host, "HOST").post("/api/live/sessions/" + second + "/start")
                .then().statusCode(409).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "room-already-live"))
                .body("liveSessionId", equalTo(first)).body("detail", containsString(first));
        as(host, "HOST").post("/api/live/sessions/" + first + "/end").then().statusCode(200);
        as(host, "HOST").post("/api/live/sessions/" + second + "/start").then().statusCode(200).body("status", equalTo("LIVE"));
    }

    @Test
    void twoSessionsOfARoomStartingAtOnceGoLiveOneAtATime() throws Exception {
        String roomId = openRoom(host);
        String first = scheduleSession(host, roomId);
        String second = scheduleSession(host, roomId);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> as(host, "HOST").post("/api/live/sessions/" + first + "/start").statusCode());
            var b = pool.submit(() -> as(host, "HOST").post("/api/live/sessions/" + second + "/start").statusCode());
            org.assertj.core.api.Assertions.assertThat(java.util.List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void onlyTheRoomsHostOrAnAdminChangesIt() {
        String roomId = openRoom(host);
        UUID otherHost = UUID.randomUUID();
        as(otherHost, "HOST").body(Map.of("title", "Hijack")).post("/api/live/rooms/" + roomId + "/sessions")
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "forbidden"))
                .body("detail", containsString(roomId));
        as(UUID.randomUUID(), "BUYER").body(Map.of("title", "Hijack")).post("/api/live/rooms/" + roomId + "/sessions")
                .then().statusCode(403).contentType(PROBLEM);
        String sessionId = scheduleSession(host, roomId);
        as(otherHost, "HOST").post("/api/live/sessions/" + sessionId + "/start")
                .then().statusCode(403).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "forbidden"));
        as(host, "HOST").get("/api/live/sessions/" + sessionId).then().body("status", equalTo("SCHEDULED"));
        as(UUID.randomUUID(), "ADMIN").post("/api/live/sessions/" + sessionId + "/start").then().statusCode(200);
        as(UUID.randomUUID(), "ADMIN").body(Map.of("title", "By admin")).post("/api/live/rooms/" + roomId + "/sessions")
                .then().statusCode(201).body("hostId", equalTo(host.toString()));
    }

    @Test
    void sessionProblems() {
        String roomId = openRoom(host);
        as(host, "HOST").body(Map.of("title", "加微信 abc123 ￥AbCd1234￥")).post("/api/live/rooms/" + roomId + "/sessions")
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "outbound-link"))
                .body("errors[0].field", equalTo("title"));
        as(host, "HOST").body(Map.of()).post("/api/live/rooms/" + roomId + "/sessions")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("title"));
        as(host, "HOST").body(Map.of("title", "x")).post("/api/live/rooms/" + UUID.randomUUID() + "/sessions")
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-found"));
        as(host, "HOST").post("/api/live/sessions/" + UUID.randomUUID() + "/start")
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("session"));
        as(host, "HOST").get("/api/live/sessions/" + UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "not-found"));
        as(host, "HOST").get("/api/live/sessions?status=PAUSED")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "invalid-status"))
                .body("detail", containsString("PAUSED"));
        as(host, "HOST").get("/api/live/sessions?limit=0")
                .then().statusCode(400).contentType(PROBLEM).body("type", equalTo(PROBLEMS + "invalid-page"));
    }
}
