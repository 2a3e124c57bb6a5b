"""The interview guide editor (``editor.GuideEditor``): outline, question and section panels,
live wording check. Shown by the Guide area of the main window."""
