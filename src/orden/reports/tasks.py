from django_tasks import task

from .completeness import record_all_snapshots


@task()
def record_completeness_task() -> int:
    return record_all_snapshots()
