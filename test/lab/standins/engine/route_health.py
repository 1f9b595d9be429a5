"""GET /ovirt-engine/services/health (ovirt-facts.md §1.6; engine `services/HealthStatus.java`).

200 `DB Up!Welcome to Health Status!` (text/html) when up; 500 `DB Down!` when the DB query fails. While the
engine is (re)starting, httpd in front of it answers 503 Service Unavailable: the stand-in gives that for
`startup_delay` seconds after each start, so a caller's bounded health wait is exercised.
"""
from http_router import Response

SERVICE_UNAVAILABLE_HTML = (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>503 Service Unavailable</title>\n'
    '</head><body>\n<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your\n'
    'request due to maintenance downtime or capacity\nproblems. Please try again later.</p>\n</body></html>\n')


def register(router, runtime):
    def health(request):
        if not runtime.ready():
            return Response(503, SERVICE_UNAVAILABLE_HTML, 'text/html; charset=iso-8859-1')
        if not runtime.db_up():
            return Response(500, 'DB Down!', 'text/html')
        return Response(200, 'DB Up!Welcome to Health Status!', 'text/html')

    router.add('GET', r'/ovirt-engine/services/health', health)
