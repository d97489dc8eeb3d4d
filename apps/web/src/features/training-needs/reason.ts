/** A reason from the server rendered in the UI language by the same domain function the server uses. */
import { trainingReasonText, type TrainingReason, type TrainingReasonView } from '@pioneer/domain';
import type { Lang } from '../../i18n/index.tsx';

export const reasonText = (r: TrainingReasonView, lang: Lang) => trainingReasonText(r as TrainingReason, lang);
