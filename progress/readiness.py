"""Readiness for a role, what to do next, and readiness by skill area: pure functions of the learner's statuses.

How it counts (also stated on the pages):
- readiness for a role = weight of its required items the learner has done / weight of all its required items;
  optional items are shown as extras and never change readiness; skipped items count as not done;
- only published items count; progress on retired items stays in the history only;
- hours left = estimated hours of the role's required items not done yet (skipped ones included, and said so).
- readiness is *claimed* (done items, known-before included) and *shown*: the weight of the required items the
  learner has shown (a passed check, a project reviewed against its rubric: the assessment app) over the same
  total. A tick alone never moves the shown number.
"""

from dataclasses import dataclass, field

from roadmap.models import Role, RoleRequirement
from roadmap.selectors import RoadmapOrder

from .models import ProgressStatus

NEXT_STEPS = 3
BOOSTS_PER_ROLE = 3
LAST = (2, 10**9, 10**9, 10**9)  # the place of an item on no published track: after every other
_OPEN_STATUSES = (ProgressStatus.NOT_STARTED, ProgressStatus.IN_PROGRESS)


@dataclass
class RequirementState:
    """One requirement of a role with the learner's status on its item."""

    requirement: RoleRequirement
    status: str = ProgressStatus.NOT_STARTED
    is_shown: bool = False

    @property
    def item(self):
        return self.requirement.item

    @property
    def weight(self) -> int:
        return self.requirement.weight

    @property
    def reason(self) -> str:
        return self.requirement.reason

    @property
    def is_done(self) -> bool:
        return self.status == ProgressStatus.DONE


@dataclass
class RoleReadiness:
    role: Role
    required: list[RequirementState] = field(default_factory=list)
    optional: list[RequirementState] = field(default_factory=list)
    missing: list[RequirementState] = field(default_factory=list)

    @property
    def required_weight(self) -> int:
        return sum(state.requirement.weight for state in self.required)

    @property
    def done_weight(self) -> int:
        return sum(state.requirement.weight for state in self.required if state.is_done)

    @property
    def percent(self) -> int:
        return self.done_weight * 100 // self.required_weight if self.required_weight else 0

    @property
    def shown_weight(self) -> int:
        return sum(state.requirement.weight for state in self.required if state.is_shown)

    @property
    def shown_percent(self) -> int:
        return self.shown_weight * 100 // self.required_weight if self.required_weight else 0

    @property
    def claimed_not_shown(self) -> list[RequirementState]:
        """Required items done but not shown, the heaviest first: what a check or a review would prove."""
        states = [state for state in self.required if state.is_done and not state.is_shown]
        return sorted(states, key=lambda state: (-state.requirement.weight, state.item.title))

    @property
    def done_count(self) -> int:
        return sum(state.is_done for state in self.required)

    @property
    def skipped(self) -> list[RequirementState]:
        return [state for state in self.required if state.status == ProgressStatus.SKIPPED]

    @property
    def optional_done(self) -> int:
        return sum(state.is_done for state in self.optional)

    @property
    def hours_left(self) -> int:
        return sum(state.item.estimated_hours for state in self.required if not state.is_done)

    @property
    def skipped_hours(self) -> int:
        return sum(state.item.estimated_hours for state in self.skipped)

    @property
    def boosts(self) -> list[RequirementState]:
        """The unfinished required items that would raise readiness most: heaviest first."""
        return self.missing[:BOOSTS_PER_ROLE]


def readiness(
    role: Role, requirements: list[RoleRequirement], statuses: dict[int, str], order: RoadmapOrder,
    shown: set[int] = frozenset(),
):  # fmt: skip
    """A role's readiness from the learner's statuses and shown items; `missing` lists what is left, the biggest
    gain first."""
    result = RoleReadiness(role=role)
    for requirement in requirements:
        state = RequirementState(
            requirement, statuses.get(requirement.item_id, ProgressStatus.NOT_STARTED), requirement.item_id in shown
        )
        (result.required if requirement.is_required else result.optional).append(state)
    result.missing = sorted(
        (state for state in result.required if not state.is_done),
        key=lambda state: (
            -state.requirement.weight,
            state.status != ProgressStatus.IN_PROGRESS,
            order.get(state.requirement.item_id, LAST),
            state.item.title,
        ),
    )
    return result


def next_steps(target: RoleReadiness | None, order: RoadmapOrder, limit: int = NEXT_STEPS) -> list[RequirementState]:
    """What to do next for the target role: items in progress, then the earliest stage, then the heaviest.

    Skipped items are left out: the learner chose to skip them. Optional items come after every required one.
    """
    if target is None:
        return []
    candidates = [state for state in target.required + target.optional if state.status in _OPEN_STATUSES]
    candidates.sort(
        key=lambda state: (
            state.status != ProgressStatus.IN_PROGRESS,
            not state.requirement.is_required,
            order.get(state.requirement.item_id, LAST),
            -state.requirement.weight,
            state.item.title,
        )
    )
    return candidates[:limit]


@dataclass
class AreaBar:
    title: str
    weight: int
    done_weight: int

    @property
    def percent(self) -> int:
        return self.done_weight * 100 // self.weight if self.weight else 0


def area_bars(role: RoleReadiness | None) -> list[AreaBar]:
    """Readiness for a role split by skill area (projects together), in the areas' order."""
    if role is None:
        return []
    bars: dict[str, AreaBar] = {}

    def area_order(state):
        area = state.item.skill_area
        return (area is None, area.position if area else 0, area.title if area else "")

    for state in sorted(role.required, key=area_order):
        title = state.item.skill_area.title if state.item.skill_area else "Projects"
        bar = bars.setdefault(title, AreaBar(title=title, weight=0, done_weight=0))
        bar.weight += state.requirement.weight
        bar.done_weight += state.requirement.weight if state.is_done else 0
    return list(bars.values())
