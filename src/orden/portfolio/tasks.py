"""Background tasks (django-tasks; run by `manage.py db_worker`, enqueued by cron or by hand)."""

from django_tasks import task

from .reviews import send_review_reminders


@task()
def send_review_reminders_task() -> int:
    return send_review_reminders()
