import {
  applyDecorators,
  BadRequestException,
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { catchError, Observable, throwError } from 'rxjs';

/** Messages of the multipart parser (busboy) for a body it cannot read. */
const MALFORMED = /^(Multipart|Malformed|Unexpected end of|Part terminated|Missing boundary)/i;

/** A malformed multipart body is the client's fault: 400 naming the problem, not 500. */
@Injectable()
class MalformedUploads implements NestInterceptor {
  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((e: unknown) =>
          throwError(() =>
            !(e instanceof HttpException) && e instanceof Error && MALFORMED.test(e.message)
              ? new BadRequestException(`the multipart/form-data body cannot be read: ${e.message}`)
              : e,
          ),
        ),
      );
  }
}

/** The route takes one uploaded file in the form field `file` (limits: MulterModule's). */
export const ArtifactUpload = () =>
  applyDecorators(UseInterceptors(MalformedUploads, FileInterceptor('file')));
