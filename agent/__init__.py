"""The shopping agent: the rule planner over the tools, durable conversation state,
grounded answers (``GroundingChecker``) and streaming events.

    from agent import Assistant
    assistant = Assistant(Toolkit(search))
    assistant.chat("a navy casual shirt for men under 1500")
"""

from agent.assistant import Assistant, AssistantStack, MessageError
from agent.grounding import GroundingChecker, GroundingReport
from agent.models import ChatEvent, ChatResponse

__all__ = [
    "Assistant",
    "AssistantStack",
    "ChatEvent",
    "ChatResponse",
    "GroundingChecker",
    "GroundingReport",
    "MessageError",
]
