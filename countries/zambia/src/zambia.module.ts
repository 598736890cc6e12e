import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BlacklistApp } from './blacklist/blacklist.app';
import { BlacklistCommand } from './blacklist/blacklist.command';
import { BlacklistPage } from './blacklist/blacklist.page';
import { BlacklistService } from './blacklist/blacklist.service';
import { BlockedPhone } from './blacklist/blocked-phone.entity';
import { ZambiaPlaces } from './places/zambia-places.service';
import { PinShapedReplies } from './replies/pin-shaped.service';
import { RoleRepliesApp } from './replies/role-replies.app';
import { AskFinalQuestionJob, AskInitialQuestionJob } from './verification/ask-questions.jobs';
import { DeactivateLostUsersJob } from './verification/deactivate-lost.job';
import { UserDeactivation } from './verification/user-deactivation.entity';
import { VerificationAnswersApp } from './verification/verification-answers.app';
import { VerificationAsker } from './verification/verification-asker.service';
import { VerificationQuestion } from './verification/verification-question.entity';
import { VerificationQuestions } from './verification/verification-questions.service';
import { VerificationPage } from './verification/verification.page';
import { ConfigurableModuleClass } from './zambia.module-definition';

/**
 * Zambia's own behaviour (docs/keywords.md#zambia-only), listed by the country after the
 * shared apps (`zambiaApp`): the blacklist (first of all apps: a filter), user
 * verification (its questions' jobs, its answers in the handle phase) and the role-aware
 * replies to what no app handled (default phase, ahead of core's generic reply).
 */
@Module({
  imports: [TypeOrmModule.forFeature([BlockedPhone, VerificationQuestion, UserDeactivation])],
  providers: [
    ZambiaPlaces,
    BlacklistService,
    BlacklistApp,
    BlacklistPage,
    BlacklistCommand,
    VerificationQuestions,
    VerificationAsker,
    VerificationAnswersApp,
    AskInitialQuestionJob,
    AskFinalQuestionJob,
    DeactivateLostUsersJob,
    VerificationPage,
    PinShapedReplies,
    RoleRepliesApp,
  ],
})
export class ZambiaModule extends ConfigurableModuleClass {}
