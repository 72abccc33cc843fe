package se.skolbryggan.ui.fake

import se.skolbryggan.ui.core.Assignment
import se.skolbryggan.ui.core.AttendanceEntry
import se.skolbryggan.ui.core.AttendanceStatus
import se.skolbryggan.ui.core.CalendarEvent
import se.skolbryggan.ui.core.Capabilities
import se.skolbryggan.ui.core.CareDay
import se.skolbryggan.ui.core.ChangeEntry
import se.skolbryggan.ui.core.ChangeKind
import se.skolbryggan.ui.core.Child
import se.skolbryggan.ui.core.Classmate
import se.skolbryggan.ui.core.EventKind
import se.skolbryggan.ui.core.Guardian
import se.skolbryggan.ui.core.Lesson
import se.skolbryggan.ui.core.MenuDay
import se.skolbryggan.ui.core.NewsImage
import se.skolbryggan.ui.core.NewsSummary
import se.skolbryggan.ui.core.NotificationItem
import se.skolbryggan.ui.core.Platform
import se.skolbryggan.ui.core.SchoolContact
import se.skolbryggan.ui.core.Teacher
import se.skolbryggan.ui.core.TimeRange
import java.time.DayOfWeek
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZoneId
import java.time.temporal.TemporalAdjusters

/**
 * A made-up family for the fake core: three children on two platforms (a year-3 pupil with
 * fritids, a year-7 pupil, a pre-school child), with news, events, lunch, lessons, classmates,
 * care times and absence offers around [today]. Every name and number is invented.
 */
class DemoFamily(val today: LocalDate) {
    private val zone = ZoneId.of("Europe/Stockholm")
    private val monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))

    val alva = Child("c-alva", "Alva", "Lindqvist", Platform.Stockholm, "Vasaskolan", "3B")
    val elis = Child("c-elis", "Elis", "Lindqvist", Platform.InfoMentor, "Tallbackens skola", "7A")
    val majken = Child("c-majken", "Majken", "Lindqvist", Platform.InfoMentor, "Förskolan Ekorren", "Blåbär", preschool = true)
    val children = listOf(alva, elis, majken)

    val stockholm = Capabilities(menu = true, absenceReports = false, careTimes = false, assignments = false, attendance = false)
    val infoMentor = Capabilities(menu = true, absenceReports = true, careTimes = true, careTimeEdit = true, assignments = true, attendance = true)

    private fun at(date: LocalDate, h: Int, m: Int = 0) = date.atTime(h, m).atZone(zone).toInstant()

    val news = listOf(
        NewsSummary("n-1", alva.id, "Luciafirande i aulan", "Välkomna på luciatåg fredag 13 december kl. 8.30.", "Rektor Maria Ek", at(today.minusDays(1), 15, 12), NewsImage("https://skolplattformen.stockholm.se/img/lucia.jpg", "Barn i luciatåg med ljus", needsSession = true)),
        NewsSummary("n-2", alva.id, "Vinterkläder", "Skicka med varma kläder och extra vantar.", "Klasslärare Jonas Berg", at(today.minusDays(4), 9, 5), null),
        NewsSummary("n-3", elis.id, "Prov i matematik vecka 50", "Provet omfattar kapitel 4 och 5.", "Sara Holm", at(today.minusDays(2), 12, 30), null),
        NewsSummary("n-4", elis.id, "Friluftsdag", "Vi åker skridskor på Zinkensdamm.", null, at(today.minusDays(8), 8, 0), null),
        NewsSummary("n-5", majken.id, "Pepparkaksbak", "Nästa vecka bakar vi pepparkakor!", "Avdelning Blåbär", at(today.minusDays(3), 16, 40), null),
    )

    val articleBodies = mapOf(
        "n-1" to """
            ## Lucia

            Varmt välkomna till vårt **luciafirande** i aulan fredag den 13 december kl. 8.30.

            ![Barn i luciatåg med ljus](https://skolplattformen.stockholm.se/img/lucia.jpg)

            - Eleverna i årskurs 3 går i tåget.
            - Vi bjuder på *glögg* och lussekatter efteråt.
            - Fotografera gärna, men lägg inte ut bilder på andras barn.

            Läs mer på [skolans webbplats](https://vasaskolan.stockholm.se/lucia).
        """.trimIndent(),
    )

    val unreadNews = mapOf(alva.id to 2, elis.id to 1, majken.id to 0)
    val unreadNotifications = mapOf(alva.id to 0, elis.id to 2, majken.id to 1)

    fun events(): List<CalendarEvent> = listOf(
        CalendarEvent("e-1", alva.id, "Lucia i aulan", null, "Aulan", today.plusDays(10), today.plusDays(10), LocalTime.of(8, 30), LocalTime.of(9, 30), EventKind.Other),
        CalendarEvent("e-2", alva.id, "Studiedag, fritids öppet", null, null, today.plusDays(3), today.plusDays(3), null, null, EventKind.StudyDay),
        CalendarEvent("e-3", elis.id, "Prov i matematik", "Kapitel 4–5", "Sal 204", today.plusDays(7), today.plusDays(7), LocalTime.of(10, 0), LocalTime.of(11, 0), EventKind.Test),
        CalendarEvent("e-4", elis.id, "Utvecklingssamtal", null, "Sal 112", today.plusDays(1), today.plusDays(1), LocalTime.of(16, 15), LocalTime.of(16, 45), EventKind.ParentMeeting),
        CalendarEvent("e-5", majken.id, "Utflykt till Skansen", "Matsäck och reflexväst", null, today.plusDays(2), today.plusDays(2), LocalTime.of(9, 0), LocalTime.of(14, 0), EventKind.Excursion),
        CalendarEvent("e-6", alva.id, "Jullov", null, null, LocalDate.of(today.year, 12, 22), LocalDate.of(today.year + 1, 1, 8), null, null, EventKind.Holiday),
        CalendarEvent("e-7", elis.id, "Sportlov", null, null, LocalDate.of(today.year + 1, 2, 23), LocalDate.of(today.year + 1, 2, 27), null, null, EventKind.Holiday),
        CalendarEvent("e-8", elis.id, "Nationella prov i engelska", null, null, LocalDate.of(today.year + 1, 3, 10), LocalDate.of(today.year + 1, 3, 10), null, null, EventKind.Test),
        CalendarEvent("e-9", alva.id, "Påsklov", null, null, LocalDate.of(today.year + 1, 4, 6), LocalDate.of(today.year + 1, 4, 10), null, null, EventKind.Holiday),
        CalendarEvent("e-10", majken.id, "Föräldramöte", null, "Förskolan", LocalDate.of(today.year + 1, 1, 20), LocalDate.of(today.year + 1, 1, 20), LocalTime.of(18, 0), LocalTime.of(19, 0), EventKind.ParentMeeting),
        CalendarEvent("e-11", alva.id, "Skolavslutning", null, "Kyrkan", LocalDate.of(today.year + 1, 6, 11), LocalDate.of(today.year + 1, 6, 11), LocalTime.of(9, 0), LocalTime.of(10, 0), EventKind.Other),
    )

    val notifications = listOf(
        NotificationItem("a-1", elis.id, "Sara Holm", "Elis har fått ett nytt omdöme i matematik.", "https://hub.infomentor.se/grades", at(today, 7, 45)),
        NotificationItem("a-2", elis.id, "Tallbackens skola", "Påminnelse: fotografering på torsdag.", null, at(today.minusDays(1), 10, 0)),
        NotificationItem("a-3", majken.id, "Förskolan Ekorren", "Nya bilder i dokumentationen.", null, at(today.minusDays(2), 14, 20)),
    )

    fun menu(): List<MenuDay> = listOf(
        listOf("Köttbullar med potatismos och lingon", "Vegetariska bullar med potatismos"),
        listOf("Fiskgratäng med dillpotatis", "Linsgryta med ris"),
        listOf("Pasta bolognese", "Pasta med tomat- och bönsås"),
        listOf("Kycklinggryta med ris", "Falafel med couscous"),
        listOf("Risgrynsgröt med kanel", "Smörgås och frukt"),
    ).mapIndexed { i, dishes -> MenuDay(monday.plusDays(i.toLong()), dishes) }

    private val alvaDay = listOf(
        Triple("Svenska", 8 to 10, 9 to 0), Triple("Matematik", 9 to 15, 10 to 0), Triple("Idrott och hälsa", 10 to 20, 11 to 20),
        Triple("Bild", 12 to 30, 13 to 30), Triple("Engelska", 13 to 40, 14 to 30),
    )

    fun lessons(child: Child): List<Lesson> {
        if (child.preschool) return emptyList()
        val teacher = if (child == alva) "Jonas Berg" else "Sara Holm"
        return (0 until 5).flatMap { d ->
            val date = monday.plusDays(d.toLong())
            alvaDay.mapIndexed { i, (subject, start, end) ->
                val s = if (child == elis) subjectsElis[(i + d) % subjectsElis.size] else subject
                Lesson("${child.id}-l-$d-$i", s, teacher, if (child == elis) "Sal ${200 + i}" else "3B", date,
                    LocalTime.of(start.first, start.second), LocalTime.of(end.first, end.second))
            }
        }
    }

    private val subjectsElis = listOf("Matematik", "Svenska", "Engelska", "NO", "SO", "Idrott och hälsa", "Slöjd")

    fun schoolHours(child: Child): TimeRange? = if (child.preschool) null else TimeRange(LocalTime.of(8, 10), LocalTime.of(14, 30))

    val classmates = listOf(
        Classmate("k-1", "Astrid Nilsson", listOf(Guardian("Karin Nilsson", "070-123 45 67", "karin.nilsson@example.se"), Guardian("Per Nilsson", "070-765 43 21", null))),
        Classmate("k-2", "Omar Haddad", listOf(Guardian("Leila Haddad", "073-222 33 44", "leila.haddad@example.se"))),
        Classmate("k-3", "Wilma Järvinen", listOf(Guardian("Aino Järvinen", null, "aino.j@example.se"))),
        Classmate("k-4", "Noah Abdi", listOf(Guardian("Hodan Abdi", "076-555 12 12", null))),
    )

    val teachers = listOf(
        Teacher("t-1", "Jonas Berg", "jonas.berg@example.se", "08-508 000 01"),
        Teacher("t-2", "Sara Holm", "sara.holm@example.se", null),
    )

    val contacts = listOf(
        SchoolContact("s-1", "Rektor", "Maria Ek", "08-508 000 00", "maria.ek@example.se"),
        SchoolContact("s-2", "Skolsköterska", "Lena Ström", "08-508 000 10", null),
        SchoolContact("s-3", "Expedition", null, "08-508 000 20", "expedition@example.se"),
    )

    val assignments = listOf(
        Assignment("u-1", "Läsloggen vecka 49", "Svenska", today.plusDays(3), false),
        Assignment("u-2", "Glosor: Christmas", "Engelska", today.plusDays(1), false),
        Assignment("u-3", "Labbrapport: kokpunkt", "NO", today.minusDays(2), true),
    )

    val attendance = listOf(
        AttendanceEntry(today.minusDays(1), "Matematik", AttendanceStatus.Present),
        AttendanceEntry(today.minusDays(1), "Engelska", AttendanceStatus.Late),
        AttendanceEntry(today.minusDays(5), null, AttendanceStatus.AbsentReported),
        AttendanceEntry(today.minusDays(8), "Idrott och hälsa", AttendanceStatus.AbsentUnreported),
    )

    fun careDays(): List<CareDay> = (0 until 5).map { d ->
        val date = monday.plusDays(d.toLong())
        CareDay(date, if (d == 4) null else TimeRange(LocalTime.of(7, 30), LocalTime.of(if (d == 2) 15 else 16, 0)))
    }

    fun changes(): List<ChangeEntry> = listOf(
        ChangeEntry(5, alva.id, alva.firstName, ChangeKind.News, "Luciafirande i aulan", "n-1", at(today.minusDays(1), 15, 12), false),
        ChangeEntry(4, elis.id, elis.firstName, ChangeKind.Notification, "Elis har fått ett nytt omdöme i matematik.", "a-1", at(today, 7, 45), false),
        ChangeEntry(3, elis.id, elis.firstName, ChangeKind.EventMoved, "Utvecklingssamtal", "e-4", at(today.minusDays(1), 9, 0), false),
        ChangeEntry(2, majken.id, majken.firstName, ChangeKind.Event, "Utflykt till Skansen", "e-5", at(today.minusDays(2), 11, 0), false),
        ChangeEntry(1, elis.id, elis.firstName, ChangeKind.Timetable, "Schema vecka ${today.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR)}", null, at(today.minusDays(3), 8, 0), true),
    )
}
